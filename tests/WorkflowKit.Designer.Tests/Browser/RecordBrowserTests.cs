using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using WorkflowKit.Designer.Accounts;
using WorkflowKit.Designer.Records;
using WorkflowKit.Designer.Services;
using WorkflowKit.Designer.Tests.Records;
using WorkflowKit.Designer.Tests.Support;
using WorkflowKit.Permissions;
using WorkflowKit.Records;

namespace WorkflowKit.Designer.Tests.Browser;

/// <summary>
/// Record lists, record detail and dashboards in a real browser, on the built-in biopharma
/// package with records of two regions: the salesperson of the east region meets only east rows
/// in the list, the export and the detail page.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class RecordBrowserTests
{
    private BrowserSession _session = default!;

    private long _reservedOrderId;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        var templates = DesignerAppFactory.RepositoryTemplates();
        _session = await BrowserSession.StartAsync(templates);
        var app = _session.App;

        // The package lets salespeople read orders of their region but not export them. This
        // deployment also grants the export, under the same row rule.
        var rules = _session.Get<IPermissionRuleStore>();
        var orderRules = await rules.GetRulesAsync("order", default);
        orderRules.Single(rule => rule.Role == RoleNames.Sales).Actions.Add("export");
        await rules.SaveRulesAsync("order", orderRules, default);

        await RecordApiTests.SeedCustomersAsync(app);
        await Order(app, "C-E1", "瑞金医院", "east", "submitted", null);
        await Order(app, "C-E2", "华山医院", "east", "shipped", -3);
        await Order(app, "C-N1", "协和医院", "north", "submitted", null);
        await Order(app, "C-N1", "北京天坛医院", "north", "shipped", -1);
        _reservedOrderId = await OrderOfInstanceAsync();
        await Receivable(app, "C-E1", -10, 1200m);
        await Receivable(app, "C-N1", -5, 300m);
        foreach (var (days, quantity) in new[] { (-2, 4), (20, 30), (200, 50) })
        {
            await RecordSeed.CreateAsync(app, "stock-batch", new JsonObject
            {
                ["batchNo"] = $"B{days}", ["product"] = "P-1", ["quantity"] = quantity,
                ["expiryDate"] = RecordSeed.Day(days), ["status"] = "available",
            });
        }
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
    public async Task Salesperson_lists_customers_of_own_region()
    {
        var sales = await _session.SignInAsync("sales1");

        await sales.GotoAsync("/records/customer");

        await Expect(sales.GetByTestId("records-total")).ToContainTextAsync("2");
        await Expect(sales.GetByTestId("records").GetByText("瑞金医院")).ToBeVisibleAsync();
        await Expect(sales.GetByTestId("records").GetByText("协和医院")).ToHaveCountAsync(0);
        await _session.ScreenshotAsync(sales, "13-records-customers");
    }

    [Test]
    public async Task Salesperson_filters_uses_views_and_exports_orders()
    {
        var sales = await _session.SignInAsync("sales1");
        await sales.GotoAsync("/records/order");
        await Expect(sales.GetByTestId("records-total")).ToContainTextAsync("3");

        await sales.GetByTestId("filter-panel").ClickAsync();
        await sales.GetByTestId("rule-add-group").ClickAsync();
        await ChooseAsync(sales, sales.GetByTestId("rule-field"), "客户名称");
        await ChooseAsync(sales, sales.GetByTestId("rule-operator"), "包含");
        await sales.GetByTestId("rule-value").Locator(InputSelector).FillAsync("华山");
        await sales.GetByTestId("rule-value").Locator(InputSelector).PressAsync("Tab");
        await Expect(sales.GetByTestId("records-total")).ToContainTextAsync("1");
        await Expect(sales.GetByTestId("records").GetByText("华山医院")).ToBeVisibleAsync();
        await _session.ScreenshotAsync(sales, "14-records-orders-filtered");

        await sales.GetByTestId("view-name").Locator(InputSelector).FillAsync("华山的订单");
        await sales.GetByTestId("view-name").Locator(InputSelector).PressAsync("Tab");
        await sales.GetByTestId("save-view").ClickAsync();
        await Expect(sales.GetByTestId("view-chip").GetByText("华山的订单")).ToBeVisibleAsync();

        await sales.GetByTestId("view-chip").GetByText("在途订单").ClickAsync();
        await Expect(sales.GetByTestId("records-total")).ToContainTextAsync("2");
        await Expect(sales.GetByTestId("records").GetByText("华山医院")).ToHaveCountAsync(0);
        await _session.ScreenshotAsync(sales, "15-records-orders-view");

        await sales.GetByTestId("view-all").ClickAsync();
        await Expect(sales.GetByTestId("records-total")).ToContainTextAsync("3");
        var download = await sales.RunAndWaitForDownloadAsync(() => sales.GetByTestId("export-csv").ClickAsync());
        var csv = await File.ReadAllTextAsync(await download.PathAsync());

        await sales.ReloadAsync();
        await Expect(sales.GetByTestId("view-chip").GetByText("华山的订单")).ToBeVisibleAsync();
        Assert.Multiple(() =>
        {
            Assert.That(download.SuggestedFilename, Is.EqualTo("order.csv"));
            Assert.That(csv, Does.Contain("瑞金医院"));
            Assert.That(csv, Does.Contain("华山医院"));
            Assert.That(csv, Does.Contain("仁济医院"));
            Assert.That(csv, Does.Not.Contain("协和医院"));
            Assert.That(csv, Does.Not.Contain("北京天坛医院"));
        });
    }

    [Test]
    public async Task Script_filter_narrows_orders()
    {
        var sales = await _session.SignInAsync("sales1");
        await sales.GotoAsync("/records/order");
        await Expect(sales.GetByTestId("records-total")).ToContainTextAsync("3");
        await sales.GetByTestId("filter-panel").ClickAsync();
        await sales.GetByTestId("rule-builder").GetByText("JavaScript", new() { Exact = true }).ClickAsync();
        var script = sales.GetByTestId("rule-script").Locator("xpath=descendant-or-self::textarea").First;

        await script.FillAsync("form.customerName.includes('华山') || form.status === 'reserved'");
        await script.PressAsync("Tab");

        await Expect(sales.GetByTestId("records-total")).ToContainTextAsync("2");
        await Expect(sales.GetByTestId("records").GetByText("华山医院")).ToBeVisibleAsync();
        await Expect(sales.GetByTestId("records").GetByText("仁济医院")).ToBeVisibleAsync();
        await Expect(sales.GetByTestId("records-error")).ToHaveCountAsync(0);
        await _session.ScreenshotAsync(sales, "23-records-script-filter");

        await script.FillAsync("form.customerName.includes('华山') &&\n  || form.total > 1");
        await script.PressAsync("Tab");
        await Expect(sales.GetByTestId("records-error")).ToContainTextAsync(
            "JavaScript 筛选在第 2 行第 3 列（“|| form.total > 1” 附近）有语法错误");
        await _session.ScreenshotAsync(sales, "24-records-script-error");

        await script.FillAsync("form.region === 'east' && Math.max(form.total, 1) > 3");
        await script.PressAsync("Tab");
        await Expect(sales.GetByTestId("records-error")).ToContainTextAsync(
            "JavaScript 筛选不能使用第 1 行第 27 列的 “Math.max(form.total, 1) > 3”");
    }

    [Test]
    public async Task Sub_table_column_shows_row_count()
    {
        var user = new UserContext(
            "sales1", "张伟", "sales-east", [RoleNames.Sales], new Dictionary<string, string> { ["region"] = "east" },
            "zh-CN");
        await _session.Get<RecordService>().SaveViewAsync(
            user, "order", "带明细", null, [], ["customerName", "lines"], default);
        var sales = await _session.SignInAsync("sales1");
        await sales.GotoAsync("/records/order");

        await sales.GetByTestId("view-chip").GetByText("带明细").ClickAsync();

        var row = sales.GetByTestId("records").Locator("tr", new() { HasText = "华山医院" });
        await Expect(row.Locator("td[data-field=lines]")).ToHaveTextAsync("2 行");
        await _session.ScreenshotAsync(sales, "25-records-sub-table-count");
    }

    [Test]
    public async Task Record_list_controls_in_both_languages()
    {
        var sales = await _session.SignInAsync("sales2");
        await sales.GotoAsync("/records/order");
        await Expect(sales.GetByTestId("records-total")).ToContainTextAsync("2");

        await ExpectRecordListAsync(sales, "订单编号", "每页行数：", "下一页");
        await _session.ScreenshotAsync(sales, "20-records-orders-zh");

        await sales.Locator("#language-switch").ClickAsync();
        await Expect(sales.Locator(".mud-nav-link").First).ToHaveTextAsync("Inbox");
        await sales.GotoAsync("/records/order");
        await Expect(sales.GetByTestId("records-total")).ToContainTextAsync("2");
        await ExpectRecordListAsync(sales, "Order no.", "Rows per page:", "Next page");
        await _session.ScreenshotAsync(sales, "21-records-orders-en");

        await sales.GotoAsync("/dashboards");
        await Expect(Point(sales, "chart-cycle-time", "north").GetByTestId("chart-value")).ToHaveTextAsync("9");
        await _session.ScreenshotAsync(sales, "22-dashboards-en");
        await sales.Locator("#language-switch").ClickAsync();
        await Expect(sales.Locator(".mud-nav-link").First).ToHaveTextAsync("待办");
    }

    [Test]
    public async Task Record_detail_shows_audit_trail_and_progress()
    {
        var sales = await _session.SignInAsync("sales1");
        await sales.GotoAsync("/records/order");
        await sales.GetByTestId("records").GetByText("仁济医院").ClickAsync();
        await Expect(sales).ToHaveURLAsync(new Regex($"/records/order/{_reservedOrderId}$"));

        await Expect(sales.GetByTestId("record-history").GetByTestId("history-changes")).ToBeVisibleAsync();
        var statusChange = sales.GetByTestId("history-changes").Locator("tr[data-field=status]");
        await Expect(statusChange.GetByTestId("old-value")).ToHaveTextAsync("已提交");
        await Expect(statusChange.GetByTestId("new-value")).ToHaveTextAsync("已预留");
        var progress = sales.GetByTestId("record-progress");
        await Expect(progress.Locator(".wk-node.visited")).ToHaveCountAsync(1);
        await Expect(progress.Locator(".wk-node.current")).ToHaveCountAsync(1);
        await Expect(progress.Locator(".wk-node")).ToHaveCountAsync(3);
        await _session.ScreenshotAsync(sales, "16-record-detail");

        // The diagram fills the width of its box instead of a corner of it.
        var canvas = (await progress.Locator(".wk-canvas").BoundingBoxAsync())!;
        var first = (await progress.Locator(".wk-node").First.BoundingBoxAsync())!;
        var last = (await progress.Locator(".wk-node").Last.BoundingBoxAsync())!;
        var drawnWidth = Math.Max(first.X + first.Width, last.X + last.Width) - Math.Min(first.X, last.X);
        Assert.Multiple(() =>
        {
            Assert.That(drawnWidth, Is.GreaterThan(canvas.Width * 0.6), "nodes span");
            Assert.That(canvas.Height, Is.LessThanOrEqualTo(Designer.Flows.FlowCanvas.FitMaxHeight + 2), "canvas height");
            Assert.That(first.Y + first.Height, Is.LessThan(canvas.Y + canvas.Height), "node inside the canvas");
        });
    }

    [Test]
    public async Task Process_owner_sees_four_charts_with_values()
    {
        var owner = await _session.SignInAsync("owner");

        await owner.GotoAsync("/dashboards");

        await Expect(Point(owner, "chart-receivables", "east").GetByTestId("chart-value")).ToHaveTextAsync("1,200");
        await Expect(Point(owner, "chart-receivables", "north").GetByTestId("chart-value")).ToHaveTextAsync("300");
        await Expect(Point(owner, "chart-expiry", "expired").GetByTestId("chart-value")).ToHaveTextAsync("4");
        await Expect(Point(owner, "chart-expiry", "0-30").GetByTestId("chart-value")).ToHaveTextAsync("30");
        await Expect(Point(owner, "chart-expiry", "181+").GetByTestId("chart-value")).ToHaveTextAsync("50");
        await Expect(Point(owner, "chart-cycle-time", "east").GetByTestId("chart-value")).ToHaveTextAsync("7");
        await Expect(Point(owner, "chart-cycle-time", "north").GetByTestId("chart-value")).ToHaveTextAsync("9");
        var managerNode = Point(owner, "chart-overdue-by-node", $"{OrderDefinitions.FlowKey}/{OrderDefinitions.ManagerNode}");
        await Expect(managerNode.GetByTestId("chart-count")).ToHaveTextAsync("1");
        await Expect(managerNode.GetByTestId("chart-value")).ToHaveTextAsync("0");
        foreach (var chart in new[] { "chart-receivables", "chart-expiry", "chart-cycle-time", "chart-overdue-by-node" })
        {
            await Expect(owner.GetByTestId(chart).Locator("svg")).ToBeVisibleAsync();
        }

        // Value axes end at the first round tick at or above the largest value, with at most seven labels.
        Assert.That(await AxisLabelsAsync(owner, "chart-receivables"), Is.EqualTo(new[] { "0", "200", "400", "600", "800", "1,000", "1,200" }));
        Assert.That(await AxisLabelsAsync(owner, "chart-expiry"), Is.EqualTo(new[] { "0", "10", "20", "30", "40", "50" }));
        Assert.That(await AxisLabelsAsync(owner, "chart-cycle-time"), Is.EqualTo(new[] { "0", "2", "4", "6", "8", "10" }));
        Assert.That(await AxisLabelsAsync(owner, "chart-overdue-by-node"), Is.EqualTo(new[] { "0", "1" }));

        await _session.ScreenshotAsync(owner, "17-dashboards-owner");
    }

    [Test]
    public async Task Sales_manager_sees_charts_of_own_region()
    {
        var manager = await _session.SignInAsync("manager");

        await manager.GotoAsync("/dashboards");

        // The package gives sales managers no rule on receivables, so that chart has no rows for them.
        await Expect(manager.GetByTestId("chart-receivables").GetByTestId("chart-empty")).ToBeVisibleAsync();
        await Expect(Point(manager, "chart-cycle-time", "east").GetByTestId("chart-value")).ToHaveTextAsync("7");
        await Expect(Point(manager, "chart-cycle-time", "north")).ToHaveCountAsync(0);
        await Expect(Point(manager, "chart-expiry", "0-30").GetByTestId("chart-value")).ToHaveTextAsync("30");
        var managerNode = Point(manager, "chart-overdue-by-node", $"{OrderDefinitions.FlowKey}/{OrderDefinitions.ManagerNode}");
        await Expect(managerNode.GetByTestId("chart-count")).ToHaveTextAsync("1");
        await _session.ScreenshotAsync(manager, "18-dashboards-manager");
    }

    // MudBlazor puts extra attributes on the input itself or on its wrapper, depending on the component.
    private const string InputSelector = "xpath=descendant-or-self::input";

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    private static IPageAssertions Expect(IPage page) => Assertions.Expect(page);

    private static async Task<IReadOnlyList<string>> AxisLabelsAsync(IPage page, string chart) =>
        [.. (await page.GetByTestId(chart).Locator("g.mud-charts-yaxis text").AllTextContentsAsync())
            .Select(text => text.Trim())];

    /// <summary>
    /// Checks the record list of orders. The serial number shows once, under the serial field's label. The pager
    /// and its buttons use the page's language. The save-view controls sit in the views row, centred on it.
    /// </summary>
    private static async Task ExpectRecordListAsync(IPage page, string serialLabel, string rowsPerPage, string nextPage)
    {
        var records = page.GetByTestId("records");
        await Expect(records.GetByTestId("serial-header")).ToHaveTextAsync(serialLabel);
        await Expect(records.Locator("td[data-field=orderNo]")).ToHaveCountAsync(0);
        await Expect(records.GetByTestId("record-serial").First).ToHaveTextAsync(new Regex("^SO-\\d{8}-\\d{4}$"));
        var serialCell = (await records.GetByTestId("record-serial").First.BoundingBoxAsync())!;
        Assert.That(serialCell.Height, Is.LessThan(45), "serial number on one line");
        var pager = page.GetByTestId("records-pager");
        await Expect(pager).ToContainTextAsync(rowsPerPage);
        await Expect(pager.Locator($"button[aria-label='{nextPage}']")).ToHaveCountAsync(1);

        var row = (await page.GetByTestId("views-row").BoundingBoxAsync())!;
        var chip = (await page.GetByTestId("view-all").BoundingBoxAsync())!;
        var save = (await page.GetByTestId("save-view").BoundingBoxAsync())!;
        var name = (await page.GetByTestId("view-name").Locator(InputSelector).BoundingBoxAsync())!;
        Assert.Multiple(() =>
        {
            Assert.That(save.Y, Is.GreaterThanOrEqualTo(row.Y), "save button below the top of the views row");
            Assert.That(save.Y + save.Height, Is.LessThanOrEqualTo(row.Y + row.Height), "save button above its bottom");
            Assert.That(Middle(save), Is.EqualTo(Middle(chip)).Within(4), "save button centred with the view chips");
            Assert.That(Middle(name), Is.EqualTo(Middle(save)).Within(4), "view name centred with the save button");
            Assert.That(save.X, Is.GreaterThan(name.X + name.Width), "save button right of the view name");
        });
    }

    private static float Middle(LocatorBoundingBoxResult box) => box.Y + (box.Height / 2);

    private static ILocator Point(IPage page, string chart, string key) =>
        page.GetByTestId(chart).Locator($"[data-testid=chart-point][data-key='{key}']");

    /// <summary>Opens a MudSelect and picks the item with the given text.</summary>
    private static async Task ChooseAsync(IPage page, ILocator select, string itemText)
    {
        await select.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").GetByText(itemText, new() { Exact = true }).ClickAsync();
        await Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
    }

    /// <summary>
    /// An order written by a running instance, as an automatic create-record step writes it (the
    /// instance id on the record), then changed from submitted to reserved by the manager.
    /// </summary>
    private async Task<long> OrderOfInstanceAsync()
    {
        await OrderDefinitions.PublishAsync(_session.Get<IDefinitionService>(), "owner");
        var sales = new UserContext(
            "sales1", "张伟", "sales-east", [RoleNames.Sales], new Dictionary<string, string> { ["region"] = "east" },
            "zh-CN");
        var instance = await _session.Get<IWorkService>().StartAsync(
            OrderDefinitions.FlowKey, new JsonObject { ["customer"] = "仁济医院", ["region"] = "east", ["total"] = 5000 },
            sales, default);
        var store = _session.Get<IRecordStore>();
        var order = await store.CreateAsync("order", OrderData("C-E1", "仁济医院", "east", "submitted", null),
            new RecordWriteContext("sales1", InstanceId: instance.Id), default);
        await store.UpdateAsync("order", order.Id, new JsonObject { ["status"] = "reserved" }, null,
            new RecordWriteContext("manager"), default);
        return order.Id;
    }

    private static Task Order(
        DesignerAppFactory app, string customer, string name, string region, string status, int? shippedDaysAgo) =>
        RecordSeed.CreateAsync(app, "order", OrderData(customer, name, region, status, shippedDaysAgo));

    // A shipped east order took 7 days from order to shipment and a north one 9 days.
    private static JsonObject OrderData(string customer, string name, string region, string status, int? shippedDaysAgo)
    {
        var data = new JsonObject
        {
            ["customer"] = customer, ["customerName"] = name, ["region"] = region, ["status"] = status,
            ["orderDate"] = RecordSeed.Day(-20),
        };
        if (name == "华山医院")
        {
            data["lines"] = new JsonArray(
                new JsonObject { ["product"] = "IVD-0001", ["quantity"] = 2 },
                new JsonObject { ["product"] = "VAC-0002", ["quantity"] = 5 });
        }

        if (shippedDaysAgo is { } days)
        {
            data["orderDate"] = RecordSeed.Day(days - (region == "east" ? 7 : 9));
            data["shippedDate"] = RecordSeed.Day(days);
            data["shipmentStatus"] = "shipped";
        }

        return data;
    }

    private static Task Receivable(DesignerAppFactory app, string customer, int dueInDays, decimal outstanding) =>
        RecordSeed.CreateAsync(app, "receivable", new JsonObject
        {
            ["customer"] = customer, ["invoiceNo"] = $"INV-{Guid.NewGuid():N}", ["dueDate"] = RecordSeed.Day(dueInDays),
            ["amount"] = outstanding, ["paidAmount"] = 0m, ["outstandingAmount"] = outstanding,
        });
}
