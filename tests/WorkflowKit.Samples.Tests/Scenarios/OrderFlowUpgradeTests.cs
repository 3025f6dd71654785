using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using WorkflowKit.Definitions.Store;
using WorkflowKit.Permissions;
using WorkflowKit.Records;
using WorkflowKit.Runtime;
using WorkflowKit.Runtime.Instances;
using WorkflowKit.Runtime.Tasks;
using WorkflowKit.Samples.Scenarios;

namespace WorkflowKit.Samples.Tests.Scenarios;

/// <summary>
/// Imports the biopharma package over a database whose order flow is still the version with one shipping task for
/// the main warehouse (<c>Data/order-to-shipment.one-warehouse.flow.json</c>), on SQLite and on PostgreSQL. An order
/// started before the import finishes on that version, and a new order runs on the imported version.
/// </summary>
[TestFixture("sqlite")]
[TestFixture("postgres")]
[NonParallelizable]
public sealed class OrderFlowUpgradeTests(string provider)
{
    private const string Flow = "order-to-shipment";

    private ScenarioDatabase? _database;
    private SampleEnvironment _environment = null!;
    private string _oldTemplates = null!;
    private DateOnly _today;

    [OneTimeSetUp]
    public async Task LoadOldPackage()
    {
        _database = await ScenarioDatabase.CreateAsync(provider);
        var data = TestPaths.CommittedSampleData;
        var index = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(data, SampleFiles.Index)))!;
        _today = DateOnly.ParseExact(index["today"]!.GetValue<string>(), "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var nineInShanghai = new DateTimeOffset(_today.ToDateTime(new TimeOnly(9, 0)), TimeSpan.FromHours(8));
        _environment = await SampleEnvironment.OpenAsync(
            _database.Db, new FakeTimeProvider(nineInShanghai), CancellationToken.None);
        _oldTemplates = CopyTemplatesWithOldOrderFlow();
        await SampleLoader.LoadAsync(
            _environment, new SampleLoadOptions(_oldTemplates, data) { IncludeOrderHistory = false },
            CancellationToken.None);
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

        if (_oldTemplates is not null)
        {
            Directory.Delete(Path.GetDirectoryName(_oldTemplates)!, recursive: true);
        }
    }

    [Test]
    public async Task Running_order_stays_on_its_version()
    {
        var definitions = _environment.Stores.Definitions;
        var old = await StartUntilAsync(async order => (await _environment.Engine.QueryTasksAsync(
            new TaskQuery { InstanceId = order.Id, NodeId = "confirmShipment" }, CancellationToken.None)).Count > 0);

        await new PackageRuleSeeder(definitions, _environment.Stores.Permissions)
            .ImportAsync(TestPaths.TemplatePackage, "system", CancellationToken.None);
        var imported = await definitions.GetVersionAsync(DefinitionKinds.Flow, Flow, null, CancellationToken.None);
        var task = (await _environment.Engine.QueryTasksAsync(new TaskQuery { InstanceId = old.Id }, CancellationToken.None))
            .Single();
        await _environment.Engine.ActAsync(
            new TaskActionRequest(task.Id, TaskActions.Submit, task.Assignee)
            {
                FormChanges = new JsonObject
                {
                    ["shipmentStatus"] = "shipped",
                    ["shippedDate"] = _today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    ["trackingNo"] = "SF4001",
                },
            },
            CancellationToken.None);
        var fresh = await StartUntilAsync(async order => (await ChildrenAsync(order)).Count > 0);

        var finished = (await _environment.Engine.GetInstanceAsync(old.Id, CancellationToken.None))!.Instance;
        var children = await ChildrenAsync(fresh);
        Assert.That(imported!.Version, Is.EqualTo(old.FlowVersion + 1));
        Assert.That(task.NodeId, Is.EqualTo("confirmShipment"));
        Assert.That((finished.Status, finished.EndNodeId, finished.FlowVersion),
            Is.EqualTo((InstanceStatuses.Completed, "endShipped", old.FlowVersion)));
        Assert.That(await ChildrenAsync(old), Is.Empty);
        Assert.That(fresh.FlowVersion, Is.EqualTo(imported.Version));
        Assert.That(children.Select(child => child.FlowKey), Has.All.EqualTo("warehouse-shipment"));
        Assert.That(children, Is.Not.Empty);
    }

    /// <summary>Submits sample orders, newest first, until one meets <paramref name="waits"/>.</summary>
    private async Task<WorkflowInstance> StartUntilAsync(Func<WorkflowInstance, Task<bool>> waits)
    {
        for (var index = 0; index < 50; index++)
        {
            var started = await StartAsync(index);
            if (await waits(started))
            {
                return started;
            }
        }

        Assert.Fail("None of the 50 newest sample orders waits for shipment; the sample data changed.");
        throw new InvalidOperationException("Assert.Fail returned.");
    }

    private async Task<IReadOnlyList<WorkflowInstance>> ChildrenAsync(WorkflowInstance order) =>
        await _environment.Engine.QueryInstancesAsync(
            new InstanceQuery { ParentInstanceId = order.Id }, CancellationToken.None);

    /// <summary>Starts the sample order at <paramref name="index"/>, counted from the newest, as today's order.</summary>
    private async Task<WorkflowInstance> StartAsync(int index)
    {
        var orders = await DailyScenario.ReadOrdersAsync(TestPaths.CommittedSampleData, CancellationToken.None);
        var order = orders[^(index + 1)];
        var customers = await _environment.Stores.Records.QueryAsync(
            new RecordQuery("customer") { Limit = 10_000 }, null, CancellationToken.None);
        var customer = customers.Items.Single(entry => entry.Data["code"]!.GetValue<string>() == order["customer"]!.GetValue<string>());
        var salesRep = customer.Data["salesOwner"]!.GetValue<string>();
        var data = new JsonObject
        {
            ["customer"] = order["customer"]!.DeepClone(),
            ["orderDate"] = _today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["lines"] = order["lines"]!.DeepClone(),
        };
        return await _environment.Engine.StartAsync(
            new StartInstanceRequest(Flow, salesRep) { TriggerKind = TriggerKinds.Form, Form = data },
            CancellationToken.None);
    }

    /// <summary>
    /// Copies definitions/ to a temporary folder with the order flow replaced by its one-warehouse version, and returns
    /// the copy's templates folder.
    /// </summary>
    private static string CopyTemplatesWithOldOrderFlow()
    {
        var root = TestPaths.NewTempFolder();
        var source = Path.Combine(TestPaths.RepositoryRoot, "definitions");
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(root, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        var old = File.ReadAllText(Path.Combine(
            TestPaths.RepositoryRoot, "tests", "WorkflowKit.Samples.Tests", "Scenarios", "Data",
            "order-to-shipment.one-warehouse.flow.json"));
        File.WriteAllText(
            Path.Combine(root, "templates", "biopharma", "flows", "order-to-shipment.flow.json"),
            old.Replace("../../../../definitions/schema/", "../../../schema/", StringComparison.Ordinal));
        return Path.Combine(root, "templates");
    }
}
