using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using WorkflowKit.Designer.Accounts;
using WorkflowKit.Designer.Services;
using WorkflowKit.Designer.Tests.Support;
using WorkflowKit.Records;
using WorkflowKit.Runtime;
using WorkflowKit.Runtime.Instances;
using WorkflowKit.Runtime.Tasks;
using EngineTaskActions = WorkflowKit.Runtime.Tasks.TaskActions;
using EngineTaskRequest = WorkflowKit.Runtime.Tasks.TaskActionRequest;

namespace WorkflowKit.Designer.Tests.Api;

/// <summary>
/// Trails of the biopharma sample, read through the work service as the instance page shows them. An order's trail
/// shows the warehouse clerk's confirmation from the shipment sub-flow and the receivable that the shipment created.
/// A replenishment watch's trail names the replenishment it started for each product.
/// </summary>
[TestFixture]
public sealed class SampleTrailTests
{
    private const string Product = "IVD-0001";

    private DesignerAppFactory _app = default!;

    [OneTimeSetUp]
    public void StartApp()
    {
        var samples = Path.Combine(Path.GetDirectoryName(DesignerAppFactory.RepositoryTemplates())!, "..", "samples", "data");
        _app = new DesignerAppFactory(
            templates: DesignerAppFactory.RepositoryTemplates(),
            settings: new Dictionary<string, string>
            {
                ["WorkflowKit:SampleData"] = "true",
                ["WorkflowKit:SamplesPath"] = samples,
            });
    }

    [OneTimeTearDown]
    public async Task StopAppAsync() => await _app.DisposeAsync();

    [Test]
    public async Task Trail_shows_clerk_and_receivable()
    {
        var (order, children, clerks) = await ShipOrderAsync();
        var admin = await UserAsync("admin");

        var trail = (await Work.GetInstanceAsync(order.Id, admin, default))!.Audit;

        var orderNo = order.Form["orderNo"]!.GetValue<string>();
        var started = trail.Where(line => line.Action == "subflow.started").ToList();
        var fromChildren = trail.Where(line => line.FromSubFlow).ToList();
        var receivable = trail.Single(line => line.Action == "record.created");
        Assert.That(started.Select(line => line.SubFlow?.InstanceId), Is.EquivalentTo(children));
        Assert.That(started.Select(line => line.SubFlow?.Title), Has.All.EqualTo(orderNo));
        Assert.That(fromChildren.Select(line => (line.UserId, line.Action, line.NodeId)),
            Is.EquivalentTo(clerks.Select(clerk => (clerk, "submit", "confirmShipment"))));
        Assert.That(fromChildren.Select(line => line.SubFlow!.InstanceId), Is.EquivalentTo(children));
        Assert.That(fromChildren.Select(line => line.Changes?.ContainsKey("trackingNo")), Has.All.True);
        Assert.That(receivable.NodeId, Is.EqualTo("createReceivable"));
        Assert.That(receivable.OnBehalfOfName, Is.EqualTo(await NameAsync(clerks[^1])));
        Assert.That(receivable.Record!.FormKey, Is.EqualTo("receivable"));
        Assert.That(receivable.Record.Title?.GetValue<string>(), Is.EqualTo("AR-" + orderNo));
        Assert.That(receivable.Record.Amounts!["amount"]!.GetValue<decimal>(), Is.EqualTo(order.Form["total"]!.GetValue<decimal>()));
        Assert.That(IndexOf(trail, fromChildren[^1]), Is.GreaterThan(IndexOf(trail, started[^1])));
        Assert.That(IndexOf(trail, receivable), Is.GreaterThan(IndexOf(trail, fromChildren[^1])));
    }

    [Test]
    public async Task Initiator_sees_child_lines()
    {
        var (order, _, clerks) = await ShipOrderAsync();

        var trail = (await Work.GetInstanceAsync(order.Id, await UserAsync(order.Initiator), default))!.Audit;

        Assert.That(trail.Where(line => line.FromSubFlow).Select(line => line.UserId), Is.EquivalentTo(clerks));
    }

    [Test]
    public async Task Watch_names_each_replenishment()
    {
        var admin = await UserAsync("admin");
        var watch = await Engine.RunScheduleNowAsync("replenishment-watch", admin.Id, default);

        var trail = (await Work.GetInstanceAsync(watch.Id, admin, default))!.Audit;

        var products = new List<string?>();
        foreach (var child in await Engine.QueryInstancesAsync(new InstanceQuery { ParentInstanceId = watch.Id }, default))
        {
            products.Add((await Engine.GetInstanceAsync(child.Id, default))!.Instance.Form["product"]?.GetValue<string>());
        }

        var started = trail.Where(line => line.Action == "subflow.started").ToList();
        Assert.That(products, Is.Not.Empty, "the sample data has shortfalls");
        Assert.That(started.Select(line => line.SubFlow?.Title), Is.EquivalentTo(products));
        Assert.That(started.Select(line => line.SubFlow!.FlowName.Get("zh-CN")), Has.All.EqualTo("补货"));
        Assert.That(trail.Where(line => line.FromSubFlow), Is.Empty, "each replenishment runs on its own");
    }

    private IWorkService Work => _app.Services.GetRequiredService<IWorkService>();

    private WorkflowEngine Engine => _app.Services.GetRequiredService<WorkflowEngine>();

    private static int IndexOf(IReadOnlyList<AuditEntry> trail, AuditEntry line) =>
        trail.Select((entry, index) => (entry, index)).First(pair => ReferenceEquals(pair.entry, line)).index;

    /// <summary>
    /// Starts an order of <see cref="Product"/> for a customer of sales1's region whose credit is normal, approves
    /// the credit approval when the check requests one, and submits each warehouse's shipment task.
    /// </summary>
    private async Task<(WorkflowInstance Order, List<string> Children, List<string> Clerks)> ShipOrderAsync()
    {
        var sales = await UserAsync("sales1");
        var customer = await FirstRecordAsync(
            "customer", record => Text(record, "region") == "east" && Text(record, "creditStatus") == "normal");
        var price = await FirstRecordAsync(
            "regional-price", record => Text(record, "product") == Product && Text(record, "region") == "east");
        var started = await Work.StartAsync("order-to-shipment", new JsonObject
        {
            ["customer"] = Text(customer, "code"),
            ["orderDate"] = RecordSeed.Day(0),
            ["lines"] = new JsonArray(new JsonObject
            {
                ["product"] = Product, ["quantity"] = 2, ["unitPrice"] = price["unitPrice"]!.GetValue<decimal>(),
            }),
        }, sales, default);
        foreach (var task in await Engine.QueryTasksAsync(new TaskQuery { InstanceId = started.Id }, default))
        {
            Assert.That(task.NodeId, Is.EqualTo("creditApproval"), "the order waits only for its credit approval");
            await Engine.ActAsync(new EngineTaskRequest(task.Id, EngineTaskActions.Approve, task.Assignee), default);
        }

        var children = (await Engine.QueryInstancesAsync(new InstanceQuery { ParentInstanceId = started.Id }, default))
            .Select(child => child.Id)
            .ToList();
        Assert.That(children, Is.Not.Empty, "the order waits for shipment; the sample stock changed");
        var clerks = new List<string>();
        foreach (var child in children)
        {
            // Every clerk of the warehouse gets the task, and the first submission decides it.
            var task = (await Engine.QueryTasksAsync(new TaskQuery { InstanceId = child }, default))
                .OrderBy(open => open.Assignee, StringComparer.Ordinal)
                .First();
            await Engine.ActAsync(
                new EngineTaskRequest(task.Id, EngineTaskActions.Submit, task.Assignee)
                {
                    FormChanges = new JsonObject { ["trackingNo"] = "SF" + child[..6] },
                },
                default);
            clerks.Add(task.Assignee);
        }

        return ((await Engine.GetInstanceAsync(started.Id, default))!.Instance, children, clerks);
    }

    private async Task<UserContext> UserAsync(string id)
    {
        var account = await _app.Services.GetRequiredService<AccountStore>().FindAsync(id, default);
        return UserContext.FromPrincipal(UserContext.ToPrincipal(account!, "test"))!;
    }

    private async Task<string> NameAsync(string id) =>
        (await _app.Services.GetRequiredService<AccountStore>().FindAsync(id, default))!.DisplayName;

    private async Task<JsonObject> FirstRecordAsync(string formKey, Func<JsonObject, bool> match)
    {
        var page = await Engine.Records.QueryAsync(new RecordQuery(formKey) { Limit = 1_000 }, null, default);
        return page.Items.Select(record => record.Data).First(match);
    }

    private static string? Text(JsonObject data, string field) => data[field]?.GetValue<string>();
}
