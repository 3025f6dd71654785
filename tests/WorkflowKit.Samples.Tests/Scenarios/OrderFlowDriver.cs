using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using WorkflowKit.Records;
using WorkflowKit.Runtime;
using WorkflowKit.Runtime.Instances;
using WorkflowKit.Runtime.Tasks;
using WorkflowKit.Samples.Scenarios;

namespace WorkflowKit.Samples.Tests.Scenarios;

/// <summary>
/// The committed sample data loaded into a fresh database, with the helpers that the order-to-shipment scenario tests
/// share: submitting sample orders as today's, finding the warehouse-shipment sub-flows of an order, completing their
/// tasks and reading stock, shipping instructions and receivables.
/// </summary>
internal sealed class OrderFlowDriver : IAsyncDisposable
{
    public const string OrderFlow = "order-to-shipment";
    public const string ShipmentFlow = "warehouse-shipment";
    public const string ShipmentNode = "confirmShipment";

    private readonly ScenarioDatabase _database;
    private readonly Dictionary<string, JsonObject> _customers;
    private readonly TimeProvider _time;

    private OrderFlowDriver(
        ScenarioDatabase database, SampleEnvironment environment, IReadOnlyList<JsonObject> orders,
        Dictionary<string, JsonObject> customers, DateOnly today, TimeProvider time)
    {
        _database = database;
        _time = time;
        Environment = environment;
        Orders = orders;
        _customers = customers;
        Today = today;
    }

    public SampleEnvironment Environment { get; }

    public WorkflowEngine Engine => Environment.Engine;

    /// <summary>The sample orders that the daily scenario submits, oldest first.</summary>
    public IReadOnlyList<JsonObject> Orders { get; }

    public DateOnly Today { get; }

    public static async Task<OrderFlowDriver> LoadAsync(string provider)
    {
        var database = await ScenarioDatabase.CreateAsync(provider);
        var data = TestPaths.CommittedSampleData;
        var index = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(data, SampleFiles.Index)))!;
        var today = DateOnly.ParseExact(index["today"]!.GetValue<string>(), "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var nineInShanghai = new DateTimeOffset(today.ToDateTime(new TimeOnly(9, 0)), TimeSpan.FromHours(8));
        var time = new FakeTimeProvider(nineInShanghai);
        var environment = await SampleEnvironment.OpenAsync(database.Db, time, CancellationToken.None);
        var options = new SampleLoadOptions(Path.Combine(TestPaths.RepositoryRoot, "definitions", "templates"), data)
        {
            IncludeOrderHistory = false,
        };
        await SampleLoader.LoadAsync(environment, options, CancellationToken.None);
        var orders = await DailyScenario.ReadOrdersAsync(data, CancellationToken.None);
        var customers = await environment.Stores.Records.QueryAsync(
            new RecordQuery("customer") { Limit = 10_000 }, null, CancellationToken.None);
        return new OrderFlowDriver(
            database, environment, orders,
            customers.Items.ToDictionary(
                entry => entry.Data["code"]!.GetValue<string>(), entry => entry.Data, StringComparer.Ordinal),
            today, time);
    }

    /// <summary>
    /// Opens a second engine with its own stores and connections on the same database, as another engine node would.
    /// </summary>
    public Task<SampleEnvironment> OpenOtherNodeAsync() =>
        SampleEnvironment.OpenAsync(_database.Db, _time, CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        await Environment.DisposeAsync();
        await _database.DisposeAsync();
    }

    /// <summary>Starts <paramref name="order"/> as today's order of its customer's sales owner.</summary>
    public Task<WorkflowInstance> SubmitAsync(JsonObject order)
    {
        var customer = _customers[order["customer"]!.GetValue<string>()];
        var salesRep = customer["salesOwner"]!.GetValue<string>();
        var data = new JsonObject
        {
            ["customer"] = order["customer"]!.DeepClone(),
            ["orderDate"] = Date(Today),
            ["requestedDeliveryDate"] = Date(Today.AddDays(3)),
            ["salesRep"] = salesRep,
            ["lines"] = order["lines"]!.DeepClone(),
        };
        return Engine.StartAsync(
            new StartInstanceRequest(OrderFlow, salesRep) { TriggerKind = TriggerKinds.Form, Form = data },
            CancellationToken.None);
    }

    /// <summary>
    /// Submits sample orders until one waits for shipment from at least <paramref name="warehouses"/> warehouses, and
    /// returns it with the stock just before its submission. Orders submitted earlier keep their reservations.
    /// </summary>
    public async Task<(WorkflowInstance Order, Dictionary<string, Stock> StockBefore)> SubmitShippingFromAsync(
        int warehouses)
    {
        foreach (var order in Orders)
        {
            var stockBefore = await StockAsync();
            var started = await SubmitAsync(order);
            var children = await ShipmentsAsync(started.Id);
            if (children.Count >= warehouses)
            {
                return (await InstanceAsync(started.Id), stockBefore);
            }
        }

        Assert.Fail($"None of the {Orders.Count} sample orders ships from {warehouses} warehouses; the sample data changed.");
        throw new InvalidOperationException("Assert.Fail returned.");
    }

    /// <summary>
    /// Submits sample orders one by one until one waits at <paramref name="nodeId"/>, and returns it with the stock
    /// just before it was submitted.
    /// </summary>
    public async Task<(WorkflowInstance Order, Dictionary<string, Stock> StockBefore)> SubmitUntilTaskAsync(string nodeId)
    {
        foreach (var order in Orders)
        {
            var stockBefore = await StockAsync();
            var started = await SubmitAsync(order);
            if ((await OpenTasksAsync(started.Id)).Any(task => task.NodeId == nodeId))
            {
                return (await InstanceAsync(started.Id), stockBefore);
            }
        }

        Assert.Fail($"None of the {Orders.Count} sample orders waits at '{nodeId}'; the sample data changed.");
        throw new InvalidOperationException("Assert.Fail returned.");
    }

    public async Task<WorkflowInstance> InstanceAsync(string instanceId) =>
        (await Engine.GetInstanceAsync(instanceId, CancellationToken.None))!.Instance;

    /// <summary>
    /// The warehouse-shipment sub-flows of an order in the order of its <c>vars.shipments</c>, which is the order they
    /// were started and their shipping instructions were created in. They start in one step, so their start times tie.
    /// </summary>
    public async Task<IReadOnlyList<WorkflowInstance>> ShipmentsAsync(string orderInstanceId)
    {
        var order = await InstanceAsync(orderInstanceId);
        var warehouses = (order.Variables["shipments"] as JsonArray ?? [])
            .Select(shipment => Text(shipment!["warehouse"]))
            .ToList();
        var found = await Engine.QueryInstancesAsync(
            new InstanceQuery { ParentInstanceId = orderInstanceId, FlowKey = ShipmentFlow, Limit = 100 },
            CancellationToken.None);
        var children = new List<WorkflowInstance>();
        foreach (var child in found)
        {
            children.Add(await InstanceAsync(child.Id));
        }

        return [.. children.OrderBy(child => warehouses.IndexOf(Text(child.Form["warehouse"])))];
    }

    public async Task<IReadOnlyList<WorkTask>> OpenTasksAsync(string instanceId) =>
        await Engine.QueryTasksAsync(new TaskQuery { InstanceId = instanceId }, CancellationToken.None);

    /// <summary>
    /// Submits the shipment task of <paramref name="shipment"/> with each line's shipped quantity from
    /// <paramref name="shipped"/> (the allocated quantity when it returns null).
    /// </summary>
    public async Task ShipAsync(WorkflowInstance shipment, Func<JsonObject, decimal?> shipped, string trackingNo)
    {
        var task = (await OpenTasksAsync(shipment.Id)).Single();
        var view = await Engine.GetTaskViewAsync(task.Id, task.Assignee, CancellationToken.None);
        var lines = new JsonArray();
        foreach (var line in view.Form["lines"]!.AsArray().OfType<JsonObject>())
        {
            var copy = (JsonObject)line.DeepClone();
            copy["shippedQuantity"] = shipped(line) ?? line["allocatedQuantity"]!.GetValue<decimal>();
            lines.Add(copy);
        }

        await Engine.ActAsync(
            new TaskActionRequest(task.Id, TaskActions.Submit, task.Assignee)
            {
                FormChanges = new JsonObject
                {
                    ["lines"] = lines,
                    ["shippedDate"] = Date(Today),
                    ["trackingNo"] = trackingNo,
                },
            },
            CancellationToken.None);
    }

    public async Task RejectAsync(WorkflowInstance shipment, string comment)
    {
        var task = (await OpenTasksAsync(shipment.Id)).Single();
        await Engine.ActAsync(
            new TaskActionRequest(task.Id, TaskActions.Reject, task.Assignee) { Comment = comment },
            CancellationToken.None);
    }

    /// <summary>Quantity and reserved quantity of every stock batch, by batch number.</summary>
    public async Task<Dictionary<string, Stock>> StockAsync()
    {
        var page = await Environment.Stores.Records.QueryAsync(
            new RecordQuery("stock-batch") { Limit = 100_000 }, null, CancellationToken.None);
        return page.Items.ToDictionary(
            entry => entry.Data["batchNo"]!.GetValue<string>(),
            entry => new Stock(
                entry.Data["quantity"]!.GetValue<decimal>(), entry.Data["reservedQuantity"]?.GetValue<decimal>() ?? 0m),
            StringComparer.Ordinal);
    }

    /// <summary>The records of <paramref name="formKey"/> that belong to an order, oldest first.</summary>
    public async Task<IReadOnlyList<JsonObject>> RecordsAsync(string formKey, string orderNo)
    {
        var page = await Environment.Stores.Records.QueryAsync(
            new RecordQuery(formKey) { Limit = 100_000 }, null, CancellationToken.None);
        return [.. page.Items.OrderBy(item => item.Id).Select(item => item.Data)
            .Where(data => data["orderNo"]?.GetValue<string>() == orderNo)];
    }

    public async Task<JsonObject> OrderRecordAsync(WorkflowInstance order) =>
        (await Environment.Stores.Records.GetAsync(
            "order", order.Variables["recordId"]!.GetValue<long>(), null, CancellationToken.None))!.Data;

    /// <summary>Allocated quantity per batch of the allocation rows of one warehouse, or of all when null.</summary>
    public static Dictionary<string, decimal> AllocatedByBatch(WorkflowInstance order, string? warehouse = null) =>
        order.Variables["allocation"]!.AsArray().OfType<JsonObject>()
            .Where(row => warehouse is null || row["warehouse"]!.GetValue<string>() == warehouse)
            .GroupBy(row => row["batchNo"]!.GetValue<string>(), StringComparer.Ordinal)
            .ToDictionary(
                group => group.Key, group => group.Sum(row => row["quantity"]!.GetValue<decimal>()), StringComparer.Ordinal);

    public static string Text(JsonNode? node) => node?.GetValue<string>() ?? string.Empty;

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>A stock batch's quantity on hand and the part of it that orders reserved.</summary>
internal sealed record Stock(decimal Quantity, decimal Reserved);
