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
/// Submits the committed sample orders of the order-to-shipment template, on SQLite and on PostgreSQL. Each shipping
/// task must go to the staff of the warehouse that ships the allocated batches and show that warehouse. This holds
/// also when FEFO takes the batches from the warehouse of another region than the customer's.
/// </summary>
[TestFixture("sqlite")]
[TestFixture("postgres")]
[NonParallelizable]
public sealed class ShippingAssignmentTests(string provider)
{
    private const string Flow = "order-to-shipment";

    /// <summary>The warehouse of each sales region in the sample organisation.</summary>
    private static readonly Dictionary<string, string> RegionWarehouses = new(StringComparer.Ordinal)
    {
        ["east"] = "sh", ["north"] = "bj", ["south"] = "gz", ["west"] = "cd",
    };

    private ScenarioDatabase? _database;
    private SampleEnvironment _environment = null!;
    private IReadOnlyList<JsonObject> _orders = null!;
    private Dictionary<string, JsonObject> _customers = null!;
    private DateOnly _today;

    [OneTimeSetUp]
    public async Task LoadSamples()
    {
        _database = await ScenarioDatabase.CreateAsync(provider);
        var data = TestPaths.CommittedSampleData;
        var index = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(data, SampleFiles.Index)))!;
        _today = DateOnly.ParseExact(index["today"]!.GetValue<string>(), "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var nineInShanghai = new DateTimeOffset(_today.ToDateTime(new TimeOnly(9, 0)), TimeSpan.FromHours(8));
        _environment = await SampleEnvironment.OpenAsync(
            _database.Db, new FakeTimeProvider(nineInShanghai), CancellationToken.None);
        var options = new SampleLoadOptions(Path.Combine(TestPaths.RepositoryRoot, "definitions", "templates"), data)
        {
            IncludeOrderHistory = false,
        };
        await SampleLoader.LoadAsync(_environment, options, CancellationToken.None);
        _orders = await DailyScenario.ReadOrdersAsync(data, CancellationToken.None);
        var customers = await _environment.Stores.Records.QueryAsync(
            new RecordQuery("customer") { Limit = 10_000 }, null, CancellationToken.None);
        _customers = customers.Items.ToDictionary(
            entry => entry.Data["code"]!.GetValue<string>(), entry => entry.Data, StringComparer.Ordinal);
    }

    [OneTimeTearDown]
    public async Task DropDatabase()
    {
        if (_environment is not null)
        {
            await _environment.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    /// <summary>
    /// Submits sample orders until at least five wait for shipment and one of them ships from a warehouse outside
    /// the customer's region, checking the shipping task of each.
    /// </summary>
    [Test]
    public async Task Shipping_task_goes_to_allocating_warehouse()
    {
        var checkedOrders = 0;
        var otherRegion = 0;
        foreach (var order in _orders)
        {
            var started = await SubmitAsync(order);
            var tasks = await _environment.Engine.QueryTasksAsync(
                new TaskQuery { InstanceId = started.Id, NodeId = "confirmShipment" }, CancellationToken.None);
            if (tasks.Count == 0)
            {
                continue;
            }

            var instance = (await _environment.Engine.GetInstanceAsync(started.Id, CancellationToken.None))!.Instance;
            var warehouse = ShippingWarehouse(instance.Variables["allocation"]!.AsArray());
            await CheckTasksAsync(instance, tasks, warehouse);
            checkedOrders++;
            if (RegionWarehouses[instance.Form["region"]!.GetValue<string>()] != warehouse)
            {
                otherRegion++;
            }

            if (checkedOrders >= 5 && otherRegion > 0)
            {
                break;
            }
        }

        Assert.That(checkedOrders, Is.GreaterThanOrEqualTo(5), "sample orders that wait for shipment");
        Assert.That(otherRegion, Is.GreaterThan(0),
            "No checked order ships from another region's warehouse; the sample stock changed, so pick other orders.");
    }

    private async Task CheckTasksAsync(WorkflowInstance instance, IReadOnlyList<WorkTask> tasks, string warehouse)
    {
        var orderNo = instance.Form["orderNo"]!.GetValue<string>();
        var record = await _environment.Stores.Records.GetAsync(
            "order", instance.Variables["recordId"]!.GetValue<long>(), null, CancellationToken.None);
        Assert.That(record!.Data["shippingWarehouse"]?.GetValue<string>(), Is.EqualTo(warehouse), orderNo);
        foreach (var task in tasks)
        {
            var assignee = await _environment.Stores.Organization.FindUserAsync(task.Assignee, CancellationToken.None);
            var view = await _environment.Engine.GetTaskViewAsync(task.Id, task.Assignee, CancellationToken.None);

            Assert.That(assignee!.DepartmentId, Is.EqualTo("warehouse-" + warehouse), orderNo);
            Assert.That(assignee.Roles, Does.Contain("warehouse"), orderNo);
            Assert.That(view.Form["shippingWarehouse"]?.GetValue<string>(), Is.EqualTo(warehouse), orderNo);
            Assert.That(view.FieldAccess["shippingWarehouse"], Is.EqualTo("readonly"), orderNo);
            Assert.That(view.Form["allocationSummary"]?.GetValue<string>(), Does.Contain(warehouse + " 仓"), orderNo);
        }
    }

    /// <summary>
    /// Returns the warehouse with the largest allocated quantity, the earlier one in allocation order on a tie.
    /// </summary>
    private static string ShippingWarehouse(JsonArray allocation)
    {
        var rows = allocation.Select(row => (
            Warehouse: row!["warehouse"]!.GetValue<string>(), Quantity: row["quantity"]!.GetValue<decimal>())).ToList();
        var totals = rows.GroupBy(row => row.Warehouse)
            .ToDictionary(group => group.Key, group => group.Sum(row => row.Quantity), StringComparer.Ordinal);
        var first = rows.Select(row => row.Warehouse).Distinct(StringComparer.Ordinal).ToList();
        return first.OrderByDescending(warehouse => totals[warehouse]).ThenBy(first.IndexOf).First();
    }

    private Task<WorkflowInstance> SubmitAsync(JsonObject order)
    {
        var customer = _customers[order["customer"]!.GetValue<string>()];
        var salesRep = customer["salesOwner"]!.GetValue<string>();
        var data = new JsonObject
        {
            ["customer"] = order["customer"]!.DeepClone(),
            ["orderDate"] = _today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["requestedDeliveryDate"] = _today.AddDays(3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["salesRep"] = salesRep,
            ["lines"] = order["lines"]!.DeepClone(),
        };
        return _environment.Engine.StartAsync(
            new StartInstanceRequest(Flow, salesRep) { TriggerKind = TriggerKinds.Form, Form = data },
            CancellationToken.None);
    }
}
