using System.Text.Json.Nodes;
using Npgsql;
using WorkflowKit.Records;
using WorkflowKit.Runtime;
using WorkflowKit.Runtime.Instances;
using WorkflowKit.Runtime.Tasks;
using WorkflowKit.Samples.Scenarios;

namespace WorkflowKit.Samples.Tests.Scenarios;

/// <summary>
/// Runs the daily scenario on a real database, once on a temporary SQLite file and once on PostgreSQL (from
/// WORKFLOWKIT_TEST_POSTGRES), and compares its summary with <see cref="ExpectedDay"/>.
/// </summary>
[TestFixture("sqlite")]
[TestFixture("postgres")]
[NonParallelizable]
public sealed class DailyScenarioTests(string provider)
{
    private ScenarioSummary _summary = null!;
    private ExpectedDay _expected = null!;
    private string _db = null!;
    private string? _folder;
    private string? _postgresServer;
    private string? _postgresDatabase;

    [OneTimeSetUp]
    public async Task RunScenario()
    {
        var options = new SampleLoadOptions(
            Path.Combine(TestPaths.RepositoryRoot, "definitions", "templates"), TestPaths.CommittedSampleData);
        _db = provider == "sqlite" ? SqliteFile() : await PostgresDatabaseAsync();
        _summary = await ScenarioCatalog.RunAsync(DailyScenario.Name, _db, options, null, CancellationToken.None);
        _expected = ExpectedDay.Compute(TestPaths.CommittedSampleData, DailyScenario.OrderCount);
    }

    [OneTimeTearDown]
    public async Task DropDatabase()
    {
        if (_folder is not null)
        {
            Directory.Delete(_folder, recursive: true);
        }

        if (_postgresDatabase is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(_postgresServer);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_postgresDatabase} WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
    }

    [Test]
    public void Run_LeavesNoIncidents() =>
        Assert.That(_summary.Incidents, Is.Zero, string.Join(Environment.NewLine, _summary.IncidentMessages));

    [Test]
    public void Reviews_MatchSweepFlags()
    {
        Assert.That(_summary.CreditReviews, Is.EqualTo(_expected.Reviews));
        Assert.That(_summary.OverdueWarnings, Is.EqualTo(_expected.OverdueWarnings));
    }

    [Test]
    public void Orders_AllAccountedFor()
    {
        Assert.That(_summary.OrdersSubmitted, Is.EqualTo(DailyScenario.OrderCount));
        Assert.That(
            _summary.OrdersShipped + _summary.OrdersBlockedByCredit + _summary.OrdersWaitingForApproval
            + _summary.OrdersCancelledForShortage,
            Is.EqualTo(DailyScenario.OrderCount));
    }

    [Test]
    public void Orders_MatchCreditRules()
    {
        Assert.That(_summary.OrdersBlockedByCredit, Is.EqualTo(_expected.Blocked));
        Assert.That(_summary.OrdersWaitingForApproval, Is.EqualTo(_expected.Waiting));
    }

    [Test]
    public void Orders_MatchFefoAllocation()
    {
        Assert.That(_summary.OrdersShipped, Is.EqualTo(_expected.Shipped));
        Assert.That(_summary.OrdersCancelledForShortage, Is.EqualTo(_expected.CancelledForShortage));
        Assert.That(_summary.BatchesAllocated, Is.EqualTo(_expected.AllocationLines));
        Assert.That(_summary.StockWarnings, Is.EqualTo(_expected.StockWarnings));
    }

    [Test]
    public void Receivables_OnePerShippedOrder() =>
        Assert.That(_summary.ReceivablesCreated, Is.EqualTo(_expected.Shipped));

    [Test]
    public void ExpiryWatch_MatchesWindows()
    {
        Assert.That(_summary.BatchesFlagged90, Is.EqualTo(_expected.Flagged90));
        Assert.That(_summary.BatchesFlagged60, Is.EqualTo(_expected.Flagged60));
        Assert.That(_summary.BatchesFlagged30, Is.EqualTo(_expected.Flagged30));
        Assert.That(_summary.BatchesQuarantined, Is.EqualTo(_expected.Quarantined));
    }

    [Test]
    public async Task Orders_TotalTheirLines()
    {
        await using var environment = await SampleEnvironment.OpenAsync(_db, TimeProvider.System, CancellationToken.None);
        var page = await environment.Stores.Records.QueryAsync(
            new RecordQuery("order") { Limit = 500 }, null, CancellationToken.None);

        Assert.That(page.Items, Has.Count.EqualTo(DailyScenario.OrderCount));
        foreach (var order in page.Items)
        {
            var lines = order.Data["lines"]!.AsArray();
            var expected = lines.Sum(line =>
                line!["quantity"]!.GetValue<decimal>() * line["unitPrice"]!.GetValue<decimal>());
            Assert.That(order.Data["total"]!.GetValue<decimal>(), Is.EqualTo(expected), order.SerialNumber);
            Assert.That(expected, Is.GreaterThan(0m), order.SerialNumber);
        }
    }

    [Test]
    public async Task Load_StoresPackagePermissionRules()
    {
        await using var environment = await SampleEnvironment.OpenAsync(_db, TimeProvider.System, CancellationToken.None);

        var rules = await environment.Stores.Permissions.GetRulesAsync("order", CancellationToken.None);

        Assert.That(rules.Where(rule => rule.Actions.Contains("export")).Select(rule => rule.Role),
            Is.SupersetOf(new[] { "admin", "process-owner" }));
    }

    [Test]
    public async Task Reserved_batches_show_available_quantity()
    {
        await using var environment = await SampleEnvironment.OpenAsync(_db, TimeProvider.System, CancellationToken.None);

        var batches = await environment.Stores.Records.QueryAsync(
            new RecordQuery("stock-batch") { Limit = 10_000 }, null, CancellationToken.None);

        var reserved = batches.Items.Where(batch => batch.Data["reservedQuantity"]?.GetValue<decimal>() > 0).ToList();
        Assert.That(reserved, Is.Not.Empty, "the scenario reserves batches for its orders");
        foreach (var batch in reserved)
        {
            var quantity = batch.Data["quantity"]!.GetValue<decimal>();
            var reservedQuantity = batch.Data["reservedQuantity"]!.GetValue<decimal>();
            Assert.That(batch.Data["availableQuantity"]?.GetValue<decimal>(), Is.EqualTo(quantity - reservedQuantity),
                $"batch {batch.Data["batchNo"]}");
        }
    }

    [Test]
    public async Task Order_records_carry_credit_result()
    {
        await using var environment = await SampleEnvironment.OpenAsync(_db, TimeProvider.System, CancellationToken.None);

        var orders = await environment.Stores.Records.QueryAsync(
            new RecordQuery("order") { Limit = 10_000 }, null, CancellationToken.None);

        var today = orders.Items.Where(order => order.InstanceId is not null).ToList();
        Assert.That(today, Has.Count.EqualTo(DailyScenario.OrderCount));
        Assert.That(today.Where(order => string.IsNullOrEmpty(order.Data["customerName"]?.GetValue<string>())), Is.Empty);
        Assert.That(today.Where(order => order.Data["creditCheck"] is null), Is.Empty);
        Assert.That(today.Count(order => order.Data["status"]?.GetValue<string>() == "blocked"), Is.EqualTo(_expected.Blocked));
    }

    [Test]
    public async Task Shipped_order_instances_match_records()
    {
        await using var environment = await SampleEnvironment.OpenAsync(_db, TimeProvider.System, CancellationToken.None);
        var orders = await environment.Stores.Records.QueryAsync(
            new RecordQuery("order") { Limit = 10_000 }, null, CancellationToken.None);

        var shipped = orders.Items
            .Where(order => order.InstanceId is not null && order.Data["status"]?.GetValue<string>() == "shipped")
            .ToList();

        Assert.That(shipped, Is.Not.Empty, "the scenario ships some of its orders");
        foreach (var order in shipped)
        {
            var detail = await environment.Engine.GetInstanceAsync(order.InstanceId!, CancellationToken.None);
            var form = detail!.Instance.Form;
            var orderNo = order.Data["orderNo"]?.GetValue<string>();
            Assert.That(form["status"]?.GetValue<string>(), Is.EqualTo("shipped"), orderNo);
            Assert.That(form["shipmentStatus"]?.GetValue<string>(), Is.EqualTo("shipped"), orderNo);
            Assert.That(form["trackingNo"]?.GetValue<string>(), Is.EqualTo(order.Data["trackingNo"]?.GetValue<string>()),
                orderNo);
        }
    }

    [Test]
    public async Task Order_start_rejects_shipment_fields()
    {
        await using var environment = await SampleEnvironment.OpenAsync(_db, TimeProvider.System, CancellationToken.None);
        var form = new JsonObject
        {
            ["shipmentStatus"] = "shipped",
            ["customer"] = "C0001",
            ["trackingNo"] = "FAKE123",
        };

        var denied = Assert.ThrowsAsync<FieldAccessDeniedException>(() => environment.Engine.StartAsync(
            new StartInstanceRequest("order-to-shipment", "sales-north-1") { TriggerKind = TriggerKinds.Api, Form = form },
            CancellationToken.None));

        Assert.That(denied!.Message, Does.Contain(
            "(shipmentStatus) is hidden at the start node 'start' of flow 'order-to-shipment', so it cannot be set " +
            "when starting this flow."));
        Assert.That(denied.FieldId, Is.EqualTo("shipmentStatus"));
    }

    private string SqliteFile()
    {
        _folder = TestPaths.NewTempFolder();
        return Path.Combine(_folder, "scenario.db");
    }

    private async Task<string> PostgresDatabaseAsync()
    {
        var server = Environment.GetEnvironmentVariable("WORKFLOWKIT_TEST_POSTGRES");
        if (string.IsNullOrWhiteSpace(server))
        {
            const string message = "PostgreSQL is not configured: set WORKFLOWKIT_TEST_POSTGRES to a connection "
                + "string (scripts/test.sh starts a throwaway cluster and sets it).";
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                Assert.Fail(message);
            }

            Assert.Ignore(message);
        }

        _postgresServer = server;
        _postgresDatabase = $"wk_scenario_{Guid.NewGuid():N}";
        await using (var admin = new NpgsqlConnection(server))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {_postgresDatabase}", admin);
            await create.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(server) { Database = _postgresDatabase }.ToString();
    }
}
