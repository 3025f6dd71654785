using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using WorkflowKit.Definitions;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Definitions.Json;
using WorkflowKit.Designer.Accounts;
using WorkflowKit.Designer.Services;
using WorkflowKit.Designer.Tests.Support;
using WorkflowKit.Runtime.Drafts;

namespace WorkflowKit.Designer.Tests.Browser;

/// <summary>
/// In Chromium: a submission that waits at a timer node names the step and when it fires, in the tenant time zone,
/// in "my submissions" and on its instance page. A start draft saved under an older flow version whose form changed
/// shows a notice on the restore bar and leaves out the field that no longer exists.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class InstanceWaitBrowserTests
{
    private BrowserSession _session = default!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _session = await BrowserSession.StartAsync();
        await TestPackages.PublishAsync(
            _session.Get<IDefinitionService>(), OrderDefinitions.Form(),
            DefinitionJson.Deserialize<FlowDefinition>(WaitFlows.Timer), "owner", "waits");
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
    public async Task Timer_step_shown_in_portal()
    {
        var sales = new UserContext(
            "sales1", "张伟 Zhang Wei", "sales-east", [RoleNames.Sales],
            new Dictionary<string, string> { ["region"] = "east" }, "zh-CN");
        var instance = await _session.Get<IWorkService>().StartAsync(
            "cooling", new JsonObject { ["customer"] = "瑞金医院", ["region"] = "east", ["total"] = 300 }, sales, default);
        var shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        var fires = TimeZoneInfo.ConvertTime(instance.StartedAt.AddHours(4), shanghai)
            .ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        var page = await _session.SignInAsync("sales1");

        await page.GotoAsync("/submissions");
        var row = page.Locator("tr").Filter(new() { HasText = "瑞金医院" });
        await Assertions.Expect(row.GetByTestId("instance-current-step")).ToHaveTextAsync($"冷链静置：等待至 {fires}");
        await _session.ScreenshotAsync(page, "submission-timer-step");

        await page.GotoAsync($"/instances/{instance.Id}");
        await Assertions.Expect(page.GetByTestId("instance-wait")).ToHaveTextAsync($"冷链静置：等待至 {fires}");
        await Assertions.Expect(page.GetByTestId("instance-waits")).ToContainTextAsync("Asia/Shanghai");
    }

    [Test]
    public async Task Restored_draft_notes_newer_form()
    {
        var definitions = _session.Get<IDefinitionService>();
        var scope = FormDraftScopes.Start("cooling");
        await _session.Get<IFormDraftStore>().SaveAsync(
            new FormDraft("sales2", scope, 1, new JsonObject { ["customer"] = "华山医院", ["note"] = "加急" },
                _session.Get<TimeProvider>().GetUtcNow().AddMinutes(-5)),
            default);
        var form = OrderDefinitions.Form();
        form.Fields.RemoveAll(field => field.Id == "note");
        form.Fields.Add(new FieldDefinition
        {
            Id = "deliveryDate", Type = FieldTypes.Date, Label = new LocalizedText("交货日期", "Delivery date"),
        });
        var formDraft = (await definitions.GetDraftAsync(DefinitionKind.Form, OrderDefinitions.FormKey, default))!;
        await definitions.SaveDraftAsync(
            DefinitionKind.Form, OrderDefinitions.FormKey, DefinitionJson.Serialize(form), formDraft.Revision, "owner", default);
        await definitions.PublishAsync(DefinitionKind.Form, OrderDefinitions.FormKey, "owner", null, default);
        var republished = await definitions.RepublishFlowAsync("cooling", "owner", null, default);
        Assert.That(republished.Version, Is.EqualTo(2), "flow version on the new form");
        var page = await _session.SignInAsync("sales2");

        await page.GotoAsync("/start/cooling");

        await Assertions.Expect(page.Locator("[data-field=customer] input")).ToHaveValueAsync("华山医院");
        var notice = page.GetByTestId("draft-version-change");
        await Assertions.Expect(notice).ToContainTextAsync("草稿保存于此流程的第 1 版，之后发布的第 2 版表单已有变化。");
        await Assertions.Expect(notice).ToContainTextAsync("已舍弃不再存在的字段：备注。");
        await _session.ScreenshotAsync(page, "draft-version-change");
        var draft = await _session.Get<IFormDraftStore>().FindAsync("sales2", scope, default);
        Assert.That(draft!.Version, Is.EqualTo(2));
        Assert.That(draft.Data.ContainsKey("note"), Is.False);
        Assert.That(draft.Data["customer"]?.GetValue<string>(), Is.EqualTo("华山医院"));
    }
}
