using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using WorkflowKit.Designer.Tests.Support;
using WorkflowKit.Expressions;
using WorkflowKit.Replenishment;
using WorkflowKit.Runtime;
using WorkflowKit.Runtime.Definitions;
using WorkflowKit.Runtime.Instances;
using WorkflowKit.Runtime.Expressions;
using WorkflowKit.Runtime.Tasks;
using WorkflowKit.Storage;

namespace WorkflowKit.Designer.Tests.Browser;

/// <summary>
/// A sales user opens the demand confirmation task of the built-in replenishment flow, whose sub-table names each
/// row's sales owner, and sees and edits only their own rows.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class DemandConfirmationBrowserTests
{
    private BrowserSession _session = default!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        var templates = DesignerAppFactory.RepositoryTemplates();
        if (!Directory.Exists(templates))
        {
            Assert.Ignore($"No built-in templates at {templates}.");
        }

        _session = await BrowserSession.StartAsync(templates);
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

    /// <summary>
    /// sales1 owns the rows of C0003 and C0007. The task shows only those two rows, so sales2's customer C0002 never
    /// reaches sales1's page, and only the confirmed quantity and the note can be typed into.
    /// </summary>
    [Test]
    public async Task Sales_user_sees_and_edits_only_own_rows()
    {
        var engine = _session.Get<WorkflowEngine>();
        var instance = await engine.StartAsync(
            new StartInstanceRequest("replenishment", "owner") { Form = ReplenishmentForm() }, CancellationToken.None);
        var tasks = await engine.QueryTasksAsync(
            new TaskQuery { InstanceId = instance.Id, Assignee = "sales1" }, CancellationToken.None);
        var task = tasks.Single(t => t.NodeId == "confirmDemand");

        var sales = await _session.SignInAsync("sales1");
        await sales.GotoAsync($"/tasks/{task.Id}");
        var table = sales.Locator("[data-field=confirmations]").First;
        var rows = table.Locator("tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(2);

        await Assertions.Expect(Cell(rows.Nth(0), "customer")).ToHaveValueAsync("C0003");
        await Assertions.Expect(Cell(rows.Nth(1), "customer")).ToHaveValueAsync("C0007");
        await Assertions.Expect(rows.Nth(0)).ToHaveAttributeAsync("data-editable", "true");
        await Assertions.Expect(rows.Nth(1)).ToHaveAttributeAsync("data-editable", "true");
        await Assertions.Expect(Cell(rows.Nth(0), "salesOwner")).ToHaveAttributeAsync("readonly", "");
        await Assertions.Expect(Cell(rows.Nth(0), "customer")).ToHaveAttributeAsync("readonly", "");
        await Assertions.Expect(Cell(rows.Nth(0), "recentQuantity")).ToHaveAttributeAsync("readonly", "");
        await Assertions.Expect(Cell(rows.Nth(0), "confirmedQuantity")).Not.ToHaveAttributeAsync("readonly", "");
        await Assertions.Expect(Cell(rows.Nth(0), "note")).Not.ToHaveAttributeAsync("readonly", "");
        var removeRow = table.Locator("button[aria-label='删除行'], button[aria-label='Remove row']");
        await Assertions.Expect(removeRow).ToHaveCountAsync(0);
        var addRow = sales.Locator("button", new() { HasTextRegex = new Regex("添加行|Add row") });
        await Assertions.Expect(addRow).ToHaveCountAsync(0);

        await Cell(rows.Nth(0), "confirmedQuantity").FillAsync("150");
        await Cell(rows.Nth(0), "confirmedQuantity").PressAsync("Tab");
        await _session.ScreenshotAsync(sales, "30-demand-confirmation-own-rows");
        await sales.GetByTestId($"action-{TaskActions.Approve}").ClickAsync();
        await sales.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");

        var stored = (await engine.GetInstanceAsync(instance.Id, CancellationToken.None))!.Instance
            .Form["confirmations"]!.AsArray();
        Assert.Multiple(() =>
        {
            Assert.That(Quantity(stored[0]), Is.EqualTo(150m), "sales1's edited row");
            Assert.That(Quantity(stored[1]), Is.EqualTo(210m), "sales2's row");
            Assert.That(Quantity(stored[2]), Is.EqualTo(80m), "sales1's untouched row");
        });
    }

    /// <summary>
    /// Forces an edit into a read-only column, as a stale or scripted page could, and expects the engine's refusal
    /// to be shown while the task stays open and nothing is stored.
    /// </summary>
    [Test]
    public async Task Read_only_column_edit_rejected()
    {
        var engine = _session.Get<WorkflowEngine>();
        var instance = await engine.StartAsync(
            new StartInstanceRequest("replenishment", "owner") { Form = ReplenishmentForm() }, CancellationToken.None);
        var tasks = await engine.QueryTasksAsync(
            new TaskQuery { InstanceId = instance.Id, Assignee = "sales1" }, CancellationToken.None);
        var task = tasks.Single(t => t.NodeId == "confirmDemand");

        var sales = await _session.SignInAsync("sales1");
        await sales.GotoAsync($"/tasks/{task.Id}");
        var rows = sales.Locator("[data-field=confirmations]").First.Locator("tbody tr");
        var recent = Cell(rows.Nth(0), "recentQuantity");
        await recent.EvaluateAsync("input => input.removeAttribute('readonly')");
        await recent.FillAsync("999");
        await recent.PressAsync("Tab");
        await sales.GetByTestId($"action-{TaskActions.Approve}").ClickAsync();

        await Assertions.Expect(sales.Locator(".mud-snackbar")).ToContainTextAsync(
            "子表 “confirmations” 的列 “recentQuantity” 在节点 “confirmDemand” 为只读");
        await _session.ScreenshotAsync(sales, "31-demand-confirmation-forced-edit");
        var open = await engine.QueryTasksAsync(
            new TaskQuery { InstanceId = instance.Id, Assignee = "sales1" }, CancellationToken.None);
        var stored = (await engine.GetInstanceAsync(instance.Id, CancellationToken.None))!.Instance
            .Form["confirmations"]!.AsArray();
        Assert.Multiple(() =>
        {
            Assert.That(open.Select(t => t.Id), Does.Contain(task.Id), "the task stays open");
            Assert.That(stored[0]!["recentQuantity"]!.GetValue<decimal>(), Is.EqualTo(120m), "nothing stored");
        });
    }

    /// <summary>
    /// sales2 submits a changed row after sales1 loaded the page. sales1's page sends back only sales1's own rows, so
    /// there is no stale copy of sales2's row to keep or report: both changes are stored and the page goes to the
    /// inbox. sales2 acts through a second engine on the same database, as another designer node or the
    /// <c>workflowkit complete</c> command would.
    /// </summary>
    [Test]
    public async Task Other_owner_saving_first_keeps_both()
    {
        var engine = _session.Get<WorkflowEngine>();
        var instance = await engine.StartAsync(
            new StartInstanceRequest("replenishment", "owner") { Form = ReplenishmentForm() }, CancellationToken.None);
        var tasks = await engine.QueryTasksAsync(
            new TaskQuery { InstanceId = instance.Id, NodeId = "confirmDemand" }, CancellationToken.None);
        var sales1Task = tasks.Single(t => t.Assignee == "sales1");
        var sales2Task = tasks.Single(t => t.Assignee == "sales2");

        var sales = await _session.SignInAsync("sales1");
        await sales.GotoAsync($"/tasks/{sales1Task.Id}");
        var rows = sales.Locator("[data-field=confirmations]").First.Locator("tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        var sales2Row = ReplenishmentForm()["confirmations"]![1]!.DeepClone();
        sales2Row["confirmedQuantity"] = 250m;
        await OtherNodeEngine().ActAsync(
            new TaskActionRequest(sales2Task.Id, TaskActions.Approve, "sales2")
            {
                FormChanges = new JsonObject { ["confirmations"] = new JsonArray(sales2Row) },
            },
            CancellationToken.None);

        await Cell(rows.Nth(0), "confirmedQuantity").FillAsync("150");
        await Cell(rows.Nth(0), "confirmedQuantity").PressAsync("Tab");
        await sales.GetByTestId($"action-{TaskActions.Approve}").ClickAsync();
        await sales.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");

        var stored = (await engine.GetInstanceAsync(instance.Id, CancellationToken.None))!.Instance
            .Form["confirmations"]!.AsArray();
        Assert.Multiple(() =>
        {
            Assert.That(Quantity(stored[0]), Is.EqualTo(150m), "sales1's edited row");
            Assert.That(Quantity(stored[1]), Is.EqualTo(250m), "sales2's row as sales2 submitted it");
        });
    }

    [Test]
    public async Task Completed_task_shows_own_rows()
    {
        var engine = _session.Get<WorkflowEngine>();
        var instance = await engine.StartAsync(
            new StartInstanceRequest("replenishment", "owner") { Form = ReplenishmentForm() }, CancellationToken.None);
        var task = (await engine.QueryTasksAsync(
            new TaskQuery { InstanceId = instance.Id, Assignee = "sales1" }, CancellationToken.None))
            .Single(t => t.NodeId == "confirmDemand");
        await engine.ActAsync(new TaskActionRequest(task.Id, TaskActions.Approve, "sales1"), CancellationToken.None);

        var sales = await _session.SignInAsync("sales1");
        await sales.GotoAsync($"/tasks/{task.Id}");
        var rows = sales.Locator("[data-field=confirmations]").First.Locator("tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        await _session.ScreenshotAsync(sales, "33-demand-confirmation-completed");

        await Assertions.Expect(rows.Nth(0).GetByTestId("row-owner")).ToContainTextAsync("张伟 Zhang Wei");
        await Assertions.Expect(rows.Nth(1).GetByTestId("row-owner")).ToContainTextAsync("张伟 Zhang Wei");
        await Assertions.Expect(sales.GetByTestId("row-owner").Filter(new() { HasText = "李娜" })).ToHaveCountAsync(0);
    }

    /// <summary>
    /// sales2 submits a changed row through the app's engine while sales1 has typed into their own row. sales2's row
    /// is not part of sales1's task, so the reload finds sales1's rows unchanged and keeps what sales1 typed.
    /// </summary>
    [Test]
    public async Task Other_owner_save_keeps_typed_input()
    {
        var engine = _session.Get<WorkflowEngine>();
        var instance = await engine.StartAsync(
            new StartInstanceRequest("replenishment", "owner") { Form = ReplenishmentForm() }, CancellationToken.None);
        var tasks = await engine.QueryTasksAsync(
            new TaskQuery { InstanceId = instance.Id, NodeId = "confirmDemand" }, CancellationToken.None);
        var sales1Task = tasks.Single(t => t.Assignee == "sales1");
        var sales2Task = tasks.Single(t => t.Assignee == "sales2");
        var sales = await _session.SignInAsync("sales1");
        await sales.GotoAsync($"/tasks/{sales1Task.Id}");
        var rows = sales.Locator("[data-field=confirmations]").First.Locator("tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        await Cell(rows.Nth(0), "confirmedQuantity").FillAsync("150");
        await Cell(rows.Nth(0), "confirmedQuantity").PressAsync("Tab");

        // The change event reaches the server over the circuit's websocket. The page counts the edits the server has
        // applied, so the other user's save waits for that count instead of racing the event.
        await Assertions.Expect(sales.GetByTestId("task-form")).ToHaveAttributeAsync("data-unsaved-edits", "1");

        var sales2Row = ReplenishmentForm()["confirmations"]![1]!.DeepClone();
        sales2Row["confirmedQuantity"] = 250m;
        await engine.ActAsync(
            new TaskActionRequest(sales2Task.Id, TaskActions.Approve, "sales2")
            {
                FormChanges = new JsonObject { ["confirmations"] = new JsonArray(sales2Row) },
            },
            CancellationToken.None);

        await Assertions.Expect(sales.GetByTestId("audit-change").Filter(new() { HasText = "李娜" })).ToHaveCountAsync(0);
        await Assertions.Expect(sales.GetByTestId("unsaved-edits")).ToHaveCountAsync(0);
        await Assertions.Expect(Cell(rows.Nth(0), "confirmedQuantity")).ToHaveValueAsync("150");
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        await _session.ScreenshotAsync(sales, "34-demand-confirmation-other-owner-saved");
    }

    [Test]
    public async Task Inbox_shows_urge_with_sender()
    {
        var engine = _session.Get<WorkflowEngine>();
        var instance = await engine.StartAsync(
            new StartInstanceRequest("replenishment", "owner") { Form = ReplenishmentForm() }, CancellationToken.None);
        var task = (await engine.QueryTasksAsync(
            new TaskQuery { InstanceId = instance.Id, Assignee = "sales2" }, CancellationToken.None))
            .Single(t => t.NodeId == "confirmDemand");
        await engine.UrgeAsync(instance.Id, "owner", "Purchasing closes today", CancellationToken.None);

        var sales = await _session.SignInAsync("sales2");
        await sales.GotoAsync("/");
        var urge = sales.GetByTestId("urge").Filter(new() { HasText = "Purchasing closes today" });
        await Assertions.Expect(urge).ToHaveCountAsync(1);
        await _session.ScreenshotAsync(sales, "35-inbox-urge");

        await Assertions.Expect(urge).ToContainTextAsync("流程负责人 Owner 催你处理");
        await urge.GetByTestId("urge-open").ClickAsync();
        await sales.WaitForURLAsync(url => new Uri(url).AbsolutePath == $"/tasks/{task.Id}");
    }

    private WorkflowEngine OtherNodeEngine()
    {
        var stores = _session.Get<WorkflowKitStores>();
        return new WorkflowEngine(
            stores.Database,
            stores.Runtime,
            new StoreFlowDefinitionSource(stores.Definitions),
            new ScriptHostFlowExpressions(new ScriptHost(timeProvider: TimeProvider.System)),
            stores.Organization,
            stores.Records,
            TimeProvider.System,
            flowServices: [new ReplenishmentFlowService()]);
    }

    /// <summary>
    /// On a phone (390 px wide) the confirmations keep columns wide enough to read and scroll sideways inside the
    /// table, so the page itself does not overflow and the last column can be reached. The form's heading says which
    /// fields can be changed, because most fields of this task are read-only.
    /// </summary>
    [Test]
    public async Task Phone_width_scrolls_sub_table()
    {
        var engine = _session.Get<WorkflowEngine>();
        var instance = await engine.StartAsync(
            new StartInstanceRequest("replenishment", "owner") { Form = ReplenishmentForm() }, CancellationToken.None);
        var task = (await engine.QueryTasksAsync(
                new TaskQuery { InstanceId = instance.Id, Assignee = "sales1" }, CancellationToken.None))
            .Single(t => t.NodeId == "confirmDemand");
        var sales = await _session.SignInAsync("sales1");
        await sales.SetViewportSizeAsync(390, 844);

        await sales.GotoAsync($"/tasks/{task.Id}");
        var table = sales.Locator(".wk-subtable").First;
        var container = table.Locator(".mud-table-container");
        var firstRow = table.Locator("tbody tr").First;
        await Assertions.Expect(Cell(firstRow, "customer")).ToHaveValueAsync("C0003");
        await _session.ScreenshotAsync(sales, "36-demand-confirmation-phone");

        var pageWidth = await sales.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        var scrollWidth = await container.EvaluateAsync<int>("element => element.scrollWidth");
        var clientWidth = await container.EvaluateAsync<int>("element => element.clientWidth");
        Assert.That(pageWidth, Is.LessThanOrEqualTo(390), "the page itself does not scroll sideways");
        Assert.That(scrollWidth, Is.GreaterThan(clientWidth), "the table scrolls sideways");
        foreach (var column in new[] { "salesOwner", "customer", "customerName", "confirmedQuantity", "note" })
        {
            var box = await firstRow.Locator($"[data-field={column}]").First.BoundingBoxAsync();
            Assert.That(box!.Width, Is.GreaterThanOrEqualTo(100), column);
        }

        await container.EvaluateAsync("element => { element.scrollLeft = element.scrollWidth; }");
        // The last column is whichever the form lists last (the read-only confirmLimit since it was added).
        var last = await firstRow.Locator("[data-field]").Last.BoundingBoxAsync();
        Assert.That(last!.X, Is.GreaterThanOrEqualTo(0));
        Assert.That(last.X + last.Width, Is.LessThanOrEqualTo(390), "the last column scrolls into view");
        await Assertions.Expect(sales.GetByTestId("task-form-heading")).ToHaveTextAsync("本步骤的表单");
        await Assertions.Expect(sales.GetByTestId("task-form-editable"))
            .ToHaveTextAsync("可修改：需求上升的客户。其他字段在本步骤只读。");
    }

    private static ILocator Cell(ILocator row, string column) => row.Locator($"[data-field={column}] input");

    private static decimal Quantity(JsonNode? row) =>
        decimal.Parse(row!["confirmedQuantity"]!.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);

    private static JsonObject ReplenishmentForm() => new()
    {
        ["product"] = "IVD-0001",
        ["productName"] = "Troponin I reagent kit",
        ["asOf"] = "2026-12-01",
        ["leadTimeDays"] = 31,
        ["forecastDemand"] = 300,
        ["usableStock"] = 100,
        ["unusableStock"] = 0,
        ["coveredByStock"] = 100,
        ["incomingQuantity"] = 0,
        ["shortfall"] = 200,
        ["suggestedQuantity"] = 491,
        ["confirmations"] = new JsonArray(
            Row("sales1", "C0003", 120m),
            Row("sales2", "C0002", 210m),
            Row("sales1", "C0007", 80m)),
    };

    private static JsonObject Row(string owner, string customer, decimal quantity) => new()
    {
        ["salesOwner"] = owner,
        ["region"] = "east",
        ["customer"] = customer,
        ["customerName"] = customer + " hospital",
        ["recentQuantity"] = quantity,
        ["forecastQuantity"] = quantity,
        ["confirmedQuantity"] = quantity,
    };
}
