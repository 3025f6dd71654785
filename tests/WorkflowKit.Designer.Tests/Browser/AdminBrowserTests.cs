using System.Text;
using Microsoft.Playwright;
using WorkflowKit.Designer.Services;
using WorkflowKit.Designer.Tests.Support;
using WorkflowKit.Import;
using WorkflowKit.Permissions;
using WorkflowKit.Records;
using static Microsoft.Playwright.Assertions;

namespace WorkflowKit.Designer.Tests.Browser;

/// <summary>The admin pages in Chromium: data import, the workday calendar, access for staff and the language switch.</summary>
[TestFixture]
[NonParallelizable]
public sealed class AdminBrowserTests
{
    private const string Header = "客户,区域,订单金额,备注\n";

    private BrowserSession _session = default!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _session = await BrowserSession.StartAsync();
        await OrderDefinitions.PublishAsync(_session.Get<IDefinitionService>(), "owner");
    }

    [TearDown]
    public Task CaptureAsync() => _session.CaptureFailureAsync();

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_session is not null)
        {
            await _session.DisposeAsync();
        }
    }

    [Test]
    public async Task Import_shows_bad_row_then_imports_fixed_file()
    {
        var admin = await _session.SignInAsync("admin");
        await admin.GotoAsync("/admin/import");
        await ChooseAsync(admin, admin.GetByTestId("import-form"), "销售订单 (sales-order)");
        var bad = Header + "瑞金医院,east,1200.50,首单\n协和医院,north,一千,\n华山医院,east,800,\n";

        await UploadAsync(admin, "orders.csv", CsvEncodingDetector.Gb18030.GetBytes(bad));
        await Expect(admin.GetByTestId("import-encoding")).ToHaveTextAsync("GBK (GB18030)");
        await admin.GetByTestId("import-preview").ClickAsync();
        await Expect(admin.GetByTestId("preview-row")).ToHaveCountAsync(3);
        await Expect(admin.GetByTestId("preview-row-errors").Nth(1)).ToContainTextAsync("一千");
        await Expect(admin.GetByTestId("preview-row-errors").Nth(0)).ToHaveTextAsync("");
        await _session.ScreenshotAsync(admin, "40-import-preview-error");

        await admin.GetByTestId("import-run").ClickAsync();
        await Expect(admin.GetByTestId("import-outcome")).ToContainTextAsync("未导入任何数据");
        await Expect(admin.GetByTestId("import-errors").Locator("tbody tr")).ToHaveCountAsync(1);
        await Expect(admin.GetByTestId("import-errors")).ToContainTextAsync("一千");
        Assert.That(await CountOrdersAsync(), Is.Zero, "an all-or-nothing import with a bad row writes nothing");
        await _session.ScreenshotAsync(admin, "41-import-rejected");

        var download = await admin.RunAndWaitForDownloadAsync(() => admin.GetByTestId("import-report").ClickAsync());
        var report = await File.ReadAllTextAsync(await download.PathAsync(), Encoding.UTF8);
        Assert.That(report, Does.Contain("文件,行,列,值,消息"));
        Assert.That(report, Does.Contain("orders.csv,3,订单金额,一千,"));
        Assert.That(report, Does.Contain("orders.csv 第 3 行"), "the message names the file and the row");

        await UploadAsync(admin, "orders-fixed.csv", Encoding.UTF8.GetBytes(bad.Replace("一千", "1000")));
        await Expect(admin.GetByTestId("import-encoding")).ToHaveTextAsync("UTF-8");
        await admin.GetByTestId("import-preview").ClickAsync();
        await Expect(admin.GetByTestId("import-preview-summary")).ToContainTextAsync("通过了表单校验");
        await admin.GetByTestId("import-run").ClickAsync();
        await Expect(admin.GetByTestId("import-outcome")).ToContainTextAsync("已导入 3 行");
        await Expect(admin.GetByTestId("import-run")).ToBeEnabledAsync();
        await _session.ScreenshotAsync(admin, "42-import-done");

        Assert.That(await CountOrdersAsync(), Is.EqualTo(3));
    }

    [Test]
    public async Task Calendar_marks_a_holiday()
    {
        var admin = await _session.SignInAsync("admin");
        await admin.GotoAsync("/admin/calendar?year=2025");

        await admin.GetByTestId("day-2025-03-04").ClickAsync();
        await admin.GetByTestId("edit-holiday").ClickAsync();
        await admin.GetByTestId("edit-name").Locator("xpath=descendant-or-self::input").FillAsync("测试假日");
        await admin.GetByTestId("calendar-save").ClickAsync();

        await Expect(admin.GetByTestId("day-2025-03-04")).ToHaveAttributeAsync("data-state", "Holiday");
        await Expect(admin.GetByTestId("calendar-days")).ToContainTextAsync("测试假日");
        await _session.ScreenshotAsync(admin, "43-workday-calendar");
    }

    [Test]
    public async Task Calendar_edits_working_hours()
    {
        var admin = await _session.SignInAsync("admin");
        await admin.GotoAsync("/admin/calendar?year=2026");
        var start = admin.GetByTestId("hours-start").Locator("xpath=descendant-or-self::input");
        var end = admin.GetByTestId("hours-end").Locator("xpath=descendant-or-self::input");
        var store = _session.Get<Runtime.Timers.IWorkdayCalendarStore>();

        try
        {
            await start.FillAsync("18:00");
            await end.FillAsync("9:00");
            await admin.GetByTestId("hours-save").ClickAsync();
            await Expect(admin.GetByTestId("hours-error")).ToContainTextAsync("下班时间必须晚于上班时间");
            Assert.That(await store.GetWorkingHoursAsync(default), Is.Null, "rejected hours are not saved");

            await start.FillAsync("08:30");
            await end.FillAsync("17:30");
            await admin.GetByTestId("hours-save").ClickAsync();
            await Expect(admin.GetByTestId("calendar-working-hours")).ToContainTextAsync("08:30 至 17:30");
            await Expect(admin.GetByTestId("hours-error")).ToHaveCountAsync(0);
            Assert.That(await store.GetWorkingHoursAsync(default),
                Is.EqualTo((new TimeOnly(8, 30), new TimeOnly(17, 30))));
            await _session.ScreenshotAsync(admin, "43-calendar-working-hours");
        }
        finally
        {
            await store.SaveWorkingHoursAsync(Runtime.Timers.WorkdayCalendar.DefaultWorkingHours, "admin", default);
            _session.Get<Runtime.Timers.StoredWorkdayCalendarSource>().Invalidate();
        }
    }

    [Test]
    public async Task Calendar_shows_loaded_holidays()
    {
        var admin = await _session.SignInAsync("admin");
        await admin.GotoAsync("/admin/calendar?year=2026");

        await Expect(admin.GetByTestId("day-2026-02-14")).ToHaveAttributeAsync("data-state", "MakeUpWorkday");
        await Expect(admin.GetByTestId("day-2026-02-16")).ToHaveAttributeAsync("data-state", "Holiday");
        await Expect(admin.GetByTestId("calendar-source")).ToContainTextAsync("国务院办公厅关于2026年部分节假日安排的通知");
        await Expect(admin.GetByTestId("calendar-working-hours")).ToContainTextAsync("09:00 至 18:00");
        await _session.ScreenshotAsync(admin, "43-calendar-holidays-2026");
    }

    [Test]
    public async Task Permission_rule_saves_region_scope()
    {
        var admin = await _session.SignInAsync("admin");
        await admin.GotoAsync("/admin/permissions");
        await ChooseAsync(admin, admin.GetByTestId("rules-form"), "销售订单 (sales-order)");

        await admin.GetByTestId("rules-add").ClickAsync();
        await admin.GetByTestId("rule-own-region").ClickAsync();

        await Expect(admin.GetByTestId("rule")).ToHaveCountAsync(1);
        await admin.GetByTestId("rules-save").ClickAsync();
        await Expect(admin.Locator(".mud-snackbar")).ToContainTextAsync("权限规则已保存");
        await _session.ScreenshotAsync(admin, "44-permission-rules");

        var rules = await _session.Get<IPermissionRuleStore>().GetRulesAsync(OrderDefinitions.FormKey, default);
        Assert.That(rules, Has.Count.EqualTo(1));
        Assert.That(rules[0].Rows!.Any![0].All[0].ValueFrom, Is.EqualTo("user.region"));
    }

    [TestCase("/admin/import")]
    [TestCase("/admin/calendar")]
    [TestCase("/admin/permissions")]
    [TestCase("/admin/users")]
    [TestCase("/admin/roles")]
    public async Task Staff_are_denied_admin_pages(string path)
    {
        var sales = await _session.SignInAsync("sales1");

        await sales.GotoAsync(path);

        await Expect(sales.GetByText("你没有权限打开此页面", new() { Exact = false })).ToBeVisibleAsync();
        await Expect(sales.GetByTestId("import-file")).ToHaveCountAsync(0);
        await Expect(sales.GetByTestId("calendar-month")).ToHaveCountAsync(0);
        await Expect(sales.GetByTestId("rules-form")).ToHaveCountAsync(0);
    }

    [Test]
    public async Task English_is_remembered_per_user()
    {
        var manager = await _session.SignInAsync("manager");
        await Expect(manager.Locator(".mud-nav-link").First).ToHaveTextAsync("待办");

        await manager.Locator("#language-switch").ClickAsync();
        await Expect(manager.Locator(".mud-nav-link").First).ToHaveTextAsync("Inbox");

        // The language switch reloads the page. A sign-out click during that reload was once lost (cause not
        // confirmed), so the test waits until the reloaded page is idle.
        await manager.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await manager.Locator("#sign-out").ClickAsync();
        await manager.WaitForURLAsync("**/login");
        await manager.Context.CloseAsync();

        var again = await _session.SignInAsync("manager");
        await Expect(again.Locator(".mud-nav-link").First).ToHaveTextAsync("Inbox");
        await _session.ScreenshotAsync(again, "45-english-menu");
        var other = await _session.SignInAsync("finance1");
        await Expect(other.Locator(".mud-nav-link").First).ToHaveTextAsync("待办");
    }

    private async Task<long> CountOrdersAsync()
    {
        var page = await _session.Get<IRecordStore>().QueryAsync(
            new RecordQuery(OrderDefinitions.FormKey) { Limit = 100 }, null, default);
        return page.Items.Count;
    }

    private static async Task UploadAsync(IPage page, string name, byte[] content)
    {
        await page.GetByTestId("import-file").SetInputFilesAsync(new FilePayload
        {
            Name = name,
            MimeType = "text/csv",
            Buffer = content,
        });
        await Expect(page.GetByTestId("import-file-info")).ToContainTextAsync(name);
    }

    /// <summary>Opens a MudSelect and picks the item with the given text.</summary>
    private static async Task ChooseAsync(IPage page, ILocator select, string itemText)
    {
        await select.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").GetByText(itemText, new() { Exact = true }).ClickAsync();
        await Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
    }
}
