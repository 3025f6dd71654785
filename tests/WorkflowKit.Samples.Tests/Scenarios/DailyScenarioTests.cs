using System.Globalization;
using System.Text.Json.Nodes;
using Npgsql;
using WorkflowKit.Forms;
using WorkflowKit.Permissions;
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
        Assert.That(_summary.BatchesUnshippable, Is.EqualTo(_expected.Unshippable));
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

    /// <summary>
    /// C0016 is a north customer. sales-east-1 may read east customers only, so the start is rejected on the
    /// customer field before anything is written, and the credit check never reads C0016's credit data.
    /// </summary>
    [Test]
    public async Task Order_start_rejects_other_region_customer()
    {
        await using var environment = await SampleEnvironment.OpenAsync(_db, TimeProvider.System, CancellationToken.None);
        var before = await CountAsync(environment, "order");

        var error = Assert.ThrowsAsync<InvalidSubmissionException>(() => environment.Engine.StartAsync(
            new StartInstanceRequest("order-to-shipment", "sales-east-1")
            {
                TriggerKind = TriggerKinds.Api,
                Form = OrderForm("C0016"),
                Culture = CultureInfo.GetCultureInfo("en"),
            },
            CancellationToken.None));

        var customer = error!.Errors.Single(field => field.Path == "customer");
        Assert.That(customer.Code, Is.EqualTo("lookup"));
        Assert.That(customer.Message, Is.EqualTo(
            "\"Customer code\": \"C0016\" is not the code of a customer record you may read; choose one of the " +
            "records you can see"));
        Assert.That(await CountAsync(environment, "order"), Is.EqualTo(before), "no order stored");
    }

    /// <summary>The scenario starts its orders without a region; each order is filed under its customer's region.</summary>
    [Test]
    public async Task Orders_filed_under_customer_region()
    {
        await using var environment = await SampleEnvironment.OpenAsync(_db, TimeProvider.System, CancellationToken.None);
        var customers = (await environment.Stores.Records.QueryAsync(
                new RecordQuery("customer") { Limit = 10_000 }, null, CancellationToken.None)).Items
            .ToDictionary(entry => entry.Data["code"]!.GetValue<string>(), entry => entry.Data, StringComparer.Ordinal);

        var orders = await environment.Stores.Records.QueryAsync(
            new RecordQuery("order") { Limit = 10_000 }, null, CancellationToken.None);

        var today = orders.Items.Where(order => order.InstanceId is not null).ToList();
        Assert.That(today, Has.Count.EqualTo(DailyScenario.OrderCount));
        foreach (var order in today)
        {
            var customer = customers[order.Data["customer"]!.GetValue<string>()];
            Assert.That(order.Data["region"]?.GetValue<string>(), Is.EqualTo(customer["region"]!.GetValue<string>()),
                order.SerialNumber);
        }
    }

    /// <summary>The region comes from the customer record, so a start that types one is rejected on that field.</summary>
    [Test]
    public async Task Order_start_rejects_typed_region()
    {
        await using var environment = await SampleEnvironment.OpenAsync(_db, TimeProvider.System, CancellationToken.None);
        var form = OrderForm("C0001");
        form["region"] = "north";

        var denied = Assert.ThrowsAsync<FieldAccessDeniedException>(() => environment.Engine.StartAsync(
            new StartInstanceRequest("order-to-shipment", "sales-east-1") { TriggerKind = TriggerKinds.Api, Form = form },
            CancellationToken.None));

        Assert.That(denied!.FieldId, Is.EqualTo("region"));
    }

    /// <summary>
    /// The east price of IVD-0002 is 360.00 and the order form allows at most 10% off, so 300 on the second line is
    /// rejected on that line's unit price before anything is written.
    /// </summary>
    [Test]
    public async Task Order_start_rejects_price_below_list()
    {
        await using var environment = await SampleEnvironment.OpenAsync(_db, TimeProvider.System, CancellationToken.None);
        var before = await CountAsync(environment, "order");
        var form = OrderForm("C0001");
        form["lines"]!.AsArray().Add(new JsonObject { ["product"] = "IVD-0002", ["quantity"] = 5, ["unitPrice"] = 300m });

        var error = Assert.ThrowsAsync<InvalidSubmissionException>(() => environment.Engine.StartAsync(
            new StartInstanceRequest("order-to-shipment", "sales-east-1")
            {
                TriggerKind = TriggerKinds.Api, Form = form, Culture = CultureInfo.GetCultureInfo("en"),
            },
            CancellationToken.None));

        var price = error!.Errors.Single();
        Assert.That(price.Path, Is.EqualTo("lines[1].unitPrice"));
        Assert.That(price.Code, Is.EqualTo("lookupRange"));
        Assert.That(price.Message, Is.EqualTo(
            "Row 2: \"Unit price\" 300 is below the minimum 324.00 (90% of unitPrice 360.00 in regional-price)"));
        Assert.That(await CountAsync(environment, "order"), Is.EqualTo(before), "no order stored");
    }

    /// <summary>A product without a price in the initiator's regional price list cannot be ordered.</summary>
    [Test]
    public async Task Order_start_rejects_unpriced_product()
    {
        await using var environment = await SampleEnvironment.OpenAsync(_db, TimeProvider.System, CancellationToken.None);
        var form = OrderForm("C0001");
        form["lines"]![0]!["product"] = "IVD-0999";

        var error = Assert.ThrowsAsync<InvalidSubmissionException>(() => environment.Engine.StartAsync(
            new StartInstanceRequest("order-to-shipment", "sales-east-1")
            {
                TriggerKind = TriggerKinds.Api, Form = form, Culture = CultureInfo.GetCultureInfo("en"),
            },
            CancellationToken.None));

        var price = error!.Errors.Single();
        Assert.That(price.Path, Is.EqualTo("lines[0].unitPrice"));
        Assert.That(price.Message, Is.EqualTo(
            "Row 1: \"Unit price\" cannot be checked: no regional-price record you may read has product = " +
            "\"IVD-0999\", region = \"east\" and is valid on 2026-12-01; add a record valid on that date first"));
    }

    /// <summary>
    /// A new east price of IVD-0002, 500.00 from 2027-06-01, is the newest record, but an order of 2026-12-01 is
    /// still checked against the 360.00 that is valid then, and an order of 2027-06-01 against the new price.
    /// </summary>
    [Test]
    public async Task Order_start_checks_price_valid_on_order_date()
    {
        await using var environment = await SampleEnvironment.OpenAsync(_db, TimeProvider.System, CancellationToken.None);
        var records = environment.Stores.Records;
        var future = await records.CreateAsync(
            "regional-price",
            new JsonObject
            {
                ["product"] = "IVD-0002", ["region"] = "east", ["unitPrice"] = 500m, ["validFrom"] = "2027-06-01",
            },
            new RecordWriteContext("admin"),
            CancellationToken.None);
        try
        {
            var current = await StartRejectedAsync(environment, "2026-12-01", 300m);
            var later = await StartRejectedAsync(environment, "2027-06-01", 400m);

            Assert.That(current.Message, Is.EqualTo(
                "Row 1: \"Unit price\" 300 is below the minimum 324.00 (90% of unitPrice 360.00 in regional-price)"));
            Assert.That(later.Message, Is.EqualTo(
                "Row 1: \"Unit price\" 400 is below the minimum 450.00 (90% of unitPrice 500.00 in regional-price)"));
        }
        finally
        {
            await records.SoftDeleteAsync(
                "regional-price", future.Id, new RecordWriteContext("admin"), CancellationToken.None);
        }
    }

    private static async Task<FieldError> StartRejectedAsync(
        SampleEnvironment environment, string orderDate, decimal unitPrice)
    {
        var form = OrderForm("C0001");
        form["orderDate"] = orderDate;
        form["lines"] = new JsonArray(new JsonObject { ["product"] = "IVD-0002", ["quantity"] = 1, ["unitPrice"] = unitPrice });
        var before = await CountAsync(environment, "order");

        var error = Assert.ThrowsAsync<InvalidSubmissionException>(() => environment.Engine.StartAsync(
            new StartInstanceRequest("order-to-shipment", "sales-east-1")
            {
                TriggerKind = TriggerKinds.Api, Form = form, Culture = CultureInfo.GetCultureInfo("en"),
            },
            CancellationToken.None));

        Assert.That(await CountAsync(environment, "order"), Is.EqualTo(before), "no order stored");
        return error!.Errors.Single();
    }

    /// <summary>
    /// The product's list price is the same for every region, so the package hides it from sales and sales managers;
    /// they see their own region's price in the regional price list, and purchasing still sees the list price.
    /// </summary>
    [Test]
    public async Task Sales_see_only_own_region_prices()
    {
        await using var environment = await SampleEnvironment.OpenAsync(_db, TimeProvider.System, CancellationToken.None);
        var stores = environment.Stores;
        var reader = new RecordReader(stores.Records, (IRecordQueries)stores.Records, (IRecordFormRegistry)stores.Records,
            new RecordAccess(stores.Permissions, stores.Organization, stores.Participation));

        var salesProducts = await reader.ListAsync("sales-east-1", new RecordQuery("product") { Limit = 100 },
            CancellationToken.None);
        var managerProducts = await reader.ListAsync("salesmgr-north", new RecordQuery("product") { Limit = 100 },
            CancellationToken.None);
        var buyerProducts = await reader.ListAsync("buyer-1", new RecordQuery("product") { Limit = 100 },
            CancellationToken.None);
        var prices = await reader.ListAsync("sales-east-1", new RecordQuery("regional-price") { Limit = 1_000 },
            CancellationToken.None);

        Assert.That(salesProducts.Items, Is.Not.Empty);
        Assert.That(salesProducts.Items.Where(item => item.Data.ContainsKey("unitPrice")), Is.Empty);
        Assert.That(managerProducts.Items.Where(item => item.Data.ContainsKey("unitPrice")), Is.Empty);
        Assert.That(buyerProducts.Items, Is.Not.Empty);
        Assert.That(buyerProducts.Items.Where(item => !item.Data.ContainsKey("unitPrice")), Is.Empty);
        Assert.That(prices.Items, Is.Not.Empty);
        Assert.That(prices.Items.Select(item => item.Data["region"]!.GetValue<string>()).Distinct(),
            Is.EqualTo(new[] { "east" }));
    }

    private static JsonObject OrderForm(string customer) => new()
    {
        ["customer"] = customer,
        ["orderDate"] = "2026-12-01",
        ["lines"] = new JsonArray(new JsonObject { ["product"] = "IVD-0001", ["quantity"] = 1, ["unitPrice"] = 1680m }),
    };

    private static async Task<int> CountAsync(SampleEnvironment environment, string formKey) =>
        (await environment.Stores.Records.QueryAsync(new RecordQuery(formKey) { Limit = 10_000 }, null,
            CancellationToken.None)).Items.Count;

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
