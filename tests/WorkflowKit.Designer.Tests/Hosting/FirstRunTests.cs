using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Definitions.Json;
using WorkflowKit.Designer.Accounts;
using WorkflowKit.Designer.Portal;
using WorkflowKit.Designer.Hosting;
using WorkflowKit.Designer.Services;
using WorkflowKit.Designer.Tests.Support;
using WorkflowKit.Records;
using WorkflowKit.Runtime;
using WorkflowKit.Runtime.Instances;
using WorkflowKit.Runtime.Tasks;

namespace WorkflowKit.Designer.Tests.Hosting;

/// <summary>
/// The designer's first start on a fresh SQLite file loads the biopharma sample and starts a few instances;
/// a second start on the same file loads nothing. Also: a flow with a record trigger published through the
/// designer starts when a record is written through the designer's services.
/// </summary>
[TestFixture]
public sealed class FirstRunTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    private const int SampleLoading = 5063;

    private const int SampleFileImported = 5064;

    [Test]
    public async Task FirstRun_LoadsSample_SecondRunAddsNothing()
    {
        var folder = Directory.CreateTempSubdirectory("wk-first-run-").FullName;
        try
        {
            var settings = new Dictionary<string, string>
            {
                ["WorkflowKit:Storage:ConnectionString"] = Path.Combine(folder, "designer.db"),
                ["WorkflowKit:SampleData"] = "true",
                ["WorkflowKit:SamplesPath"] = SamplesFolder(),
            };
            var expectedCustomers = File.ReadLines(Path.Combine(SamplesFolder(), "customers.csv")).Count() - 1;
            var expectedOrders = File.ReadLines(Path.Combine(SamplesFolder(), "orders.csv")).Count() - 1;
            var expectedUsers = JsonNode.Parse(File.ReadAllText(Path.Combine(SamplesFolder(), "users.json")))!["users"]!
                .AsArray().Select(user => user!["id"]!.GetValue<string>())
                .Union(DemoAccounts.Users.Select(user => user.UserName), StringComparer.Ordinal)
                .Count();

            var imports = JsonNode.Parse(File.ReadAllText(Path.Combine(SamplesFolder(), "sample-data.json")))!["imports"]!
                .AsArray().Select(import => import!["file"]!.GetValue<string>()).ToList();
            var logs = new LogCapture();

            Counts first;
            await using (var factory = new DesignerAppFactory(templates: DesignerAppFactory.RepositoryTemplates(), settings: settings))
            await using (var app = factory.WithWebHostBuilder(builder => builder.ConfigureLogging(logging => logging.AddProvider(logs))))
            {
                using var client = app.CreateClient();
                first = await CountAsync(app);
                var fileLines = logs.WithId(SampleFileImported)
                    .Select(entry => (string)entry.State.Single(pair => pair.Key == "File").Value!).ToList();
                Assert.That(logs.WithId(SampleLoading), Has.Count.EqualTo(1), "the line before the sample load");
                Assert.That(fileLines, Is.EqualTo(imports), "a line for each imported sample file, in index order");
                var engine = app.Services.GetRequiredService<WorkflowEngine>();
                var managerTasks = await engine.QueryTasksAsync(new TaskQuery { Assignee = "manager" }, None);
                var warehouseTasks = await engine.QueryTasksAsync(new TaskQuery { Assignee = "warehouse1" }, None);
                var forecast = await app.Services.GetRequiredService<IForecastDashboardSource>().GetAsync("admin", None);

                Assert.Multiple(() =>
                {
                    Assert.That(first.Customers, Is.EqualTo(expectedCustomers), "customer records");
                    Assert.That(first.Accounts, Is.EqualTo(expectedUsers), "accounts");
                    Assert.That(first.Instances, Is.GreaterThan(0), "instances");
                    Assert.That(first.Orders, Is.GreaterThanOrEqualTo(expectedOrders), "order history");
                    Assert.That(
                        forecast.Products.Where(product => product.Model != "zero"), Is.Not.Empty,
                        "products the forecast dashboard forecasts from the order history");
                    Assert.That(
                        managerTasks.Select(task => task.FlowKey), Does.Contain("customer-credit-review"),
                        "open credit reviews of the demo east sales manager");
                    Assert.That(
                        warehouseTasks.Select(task => task.NodeId), Does.Contain("confirmShipment"),
                        "shipping tasks of the demo Shanghai warehouse user");
                });
            }

            await using (var again = new DesignerAppFactory(templates: DesignerAppFactory.RepositoryTemplates(), settings: settings))
            {
                using var client = again.CreateClient();
                var second = await CountAsync(again);

                Assert.That(second, Is.EqualTo(first));
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public async Task PublishedRecordTrigger_StartsOnWrite()
    {
        await using var app = new DesignerAppFactory();
        using var client = app.CreateClient();
        var definitions = app.Services.GetRequiredService<IDefinitionService>();
        await OrderDefinitions.PublishAsync(definitions, "owner");
        var flow = OrderDefinitions.Flow();
        flow.Key = "order-watch";
        flow.Triggers = [new TriggerDefinition { Type = TriggerTypes.Record, Form = OrderDefinitions.FormKey, On = ["created"] }];
        await definitions.SaveDraftAsync(DefinitionKind.Flow, flow.Key, DefinitionJson.Serialize(flow), null, "owner", None);
        var published = await definitions.PublishAsync(DefinitionKind.Flow, flow.Key, "owner", null, None);
        Assert.That(published.Published, Is.True, string.Join("; ", published.Diagnostics.Select(d => d.Message)));

        var records = app.Services.GetRequiredService<IRecordStore>();
        await records.CreateAsync(
            OrderDefinitions.FormKey, new JsonObject { ["customer"] = "瑞金医院", ["region"] = "east", ["total"] = 1000m },
            new RecordWriteContext("sales1"), None);
        var engine = app.Services.GetRequiredService<WorkflowEngine>();

        // The app's own background worker may claim the trigger's outbox entry before this loop does. Then
        // RunDueWorkAsync finds nothing while that worker is still starting the instance, so the test waits for it.
        var waited = Stopwatch.StartNew();
        IReadOnlyList<WorkflowInstance> started;
        while (true)
        {
            await engine.RunDueWorkAsync(None);
            started = await engine.QueryInstancesAsync(new InstanceQuery { FlowKey = flow.Key }, None);
            if (started.Count > 0 || waited.Elapsed > TimeSpan.FromSeconds(30))
            {
                break;
            }

            await Task.Delay(50);
        }

        Assert.That(started.Select(instance => (instance.TriggerKind, instance.Initiator)),
            Is.EqualTo(new[] { (TriggerKinds.Record, "sales1") }));
    }

    private static async Task<Counts> CountAsync(WebApplicationFactory<Program> app)
    {
        var records = app.Services.GetRequiredService<IRecordStore>();
        var engine = app.Services.GetRequiredService<WorkflowEngine>();
        var customers = await records.QueryAsync(new RecordQuery("customer") { Limit = 1 }, null, None);
        var orders = await records.QueryAsync(new RecordQuery("order") { Limit = 1 }, null, None);
        var instances = await engine.QueryInstancesAsync(new InstanceQuery { Limit = 10_000 }, None);
        var tasks = await engine.QueryTasksAsync(new TaskQuery { Limit = 10_000 }, None);
        var accounts = await app.Services.GetRequiredService<AccountStore>().CountAsync(None);
        return new Counts(customers.Total, orders.Total, instances.Count, tasks.Count, accounts);
    }

    private static string SamplesFolder() =>
        Path.Combine(Path.GetDirectoryName(DesignerAppFactory.RepositoryTemplates())!, "..", "samples", "data");

    private sealed record Counts(long Customers, long Orders, int Instances, int OpenTasks, long Accounts);
}
