using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using WorkflowKit.Records;
using WorkflowKit.Runtime;
using WorkflowKit.Runtime.Instances;
using WorkflowKit.Runtime.Tasks;

namespace WorkflowKit.Samples.Scenarios;

/// <summary>
/// The scripted day "daily" on the sample data's date (2026-12-01 for the snapshot), on a fake clock in
/// Asia/Shanghai:
/// <list type="number">
/// <item>05:00 load the templates, users, master data, ERP receivables and overdue ledger.</item>
/// <item>06:00 the monthly credit sweep fires; it requests a review of each flagged customer, which starts one
/// credit review per customer through the record trigger. The regional sales managers and credit officers
/// approve every review, so each customer takes the proposed credit status.</item>
/// <item>09:00 the 200 most recent orders of orders.csv are submitted again as today's orders, one after
/// another, each by the customer's sales owner. Credit approvals are approved by the region's credit officer
/// when the customer's status is normal or watch, and left open otherwise. An order short of stock is
/// cancelled at its adjust step. Each warehouse that FEFO allocated batches from confirms its shipment in full the
/// same day.</item>
/// <item>02:00 the next day the batch-expiry watch fires.</item>
/// </list>
/// </summary>
public static class DailyScenario
{
    public const string Name = "daily";

    /// <summary>Number of orders the day takes through the order flow.</summary>
    public const int OrderCount = 200;

    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    /// <summary>Runs the day on <paramref name="db"/>, which should be empty, and counts the outcome.</summary>
    /// <exception cref="SampleLoadException">The sample files do not load.</exception>
    /// <exception cref="InvalidOperationException">The run went wrong (an incident, a missing task).</exception>
    public static async Task<ScenarioSummary> RunAsync(
        string db, SampleLoadOptions options, TextWriter? log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var index = ReadToday(options.DataFolder);
        var clock = new FakeTimeProvider(At(index, 1, 5));
        await using var environment = await SampleEnvironment.OpenAsync(db, clock, cancellationToken).ConfigureAwait(false);
        var engine = environment.Engine;

        var loaded = await SampleLoader.LoadAsync(
            environment, options with { IncludeOrderHistory = false }, cancellationToken).ConfigureAwait(false);
        log?.WriteLine(Invariant($"loaded {loaded.Users} users and {loaded.RowsByForm.Values.Sum()} records"));

        clock.SetUtcNow(At(index, 1, 6));
        await DrainAsync(engine, cancellationToken).ConfigureAwait(false);
        var reviews = await CompleteReviewsAsync(engine, cancellationToken).ConfigureAwait(false);
        log?.WriteLine(Invariant($"completed {reviews} credit reviews"));

        clock.SetUtcNow(At(index, 1, 9));
        var orders = await ReadOrdersAsync(options.DataFolder, cancellationToken).ConfigureAwait(false);
        var customers = await CustomersAsync(environment, cancellationToken).ConfigureAwait(false);
        var submitted = 0;
        foreach (var order in orders)
        {
            var instanceId = await SubmitOrderAsync(environment, customers, order, index, cancellationToken)
                .ConfigureAwait(false);
            await DriveOrderAsync(engine, customers, instanceId, index, cancellationToken).ConfigureAwait(false);
            submitted++;
        }

        log?.WriteLine(Invariant($"submitted {submitted} orders"));

        clock.SetUtcNow(At(index, 2, 2));
        await DrainAsync(engine, cancellationToken).ConfigureAwait(false);
        log?.WriteLine("ran the batch-expiry watch");

        return await SummarizeAsync(environment, submitted, reviews, cancellationToken).ConfigureAwait(false);
    }

    private static DateOnly ReadToday(string dataFolder)
    {
        var path = Path.Combine(dataFolder, SampleFiles.Index);
        var json = JsonNode.Parse(File.ReadAllText(path));
        return DateOnly.ParseExact(json!["today"]!.GetValue<string>(), "yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    /// <summary>The instant of <paramref name="hour"/>:00 in Shanghai on the data's date plus <paramref name="day"/> - 1 days.</summary>
    private static DateTimeOffset At(DateOnly today, int day, int hour)
    {
        var local = today.AddDays(day - 1).ToDateTime(new TimeOnly(hour, 0));
        return new DateTimeOffset(local, Shanghai.GetUtcOffset(local));
    }

    internal static async Task DrainAsync(WorkflowEngine engine, CancellationToken cancellationToken)
    {
        for (var round = 0; round < 1000; round++)
        {
            if (await engine.RunDueWorkAsync(cancellationToken).ConfigureAwait(false) == 0)
            {
                return;
            }
        }

        throw new InvalidOperationException("Due work did not run out after 1,000 rounds; look for a trigger loop.");
    }

    private static async Task<int> CompleteReviewsAsync(WorkflowEngine engine, CancellationToken cancellationToken)
    {
        for (var round = 0; round < 10; round++)
        {
            var open = await OpenTasksAsync(engine, null, cancellationToken).ConfigureAwait(false);
            var reviews = open.Where(task => task.FlowKey == "customer-credit-review").ToList();
            if (reviews.Count == 0)
            {
                break;
            }

            foreach (var task in reviews)
            {
                await engine.ActAsync(
                    new TaskActionRequest(task.Id, TaskActions.Approve, task.Assignee) { Comment = "scenario: approved" },
                    cancellationToken).ConfigureAwait(false);
            }
        }

        var instances = await engine.QueryInstancesAsync(
            new InstanceQuery { FlowKey = "customer-credit-review", Limit = 10_000 }, cancellationToken).ConfigureAwait(false);
        return instances.Count(instance => instance.TriggerKind == TriggerKinds.Record);
    }

    /// <summary>Saves <paramref name="order"/> as today's order of its customer's sales owner and starts its flow.</summary>
    internal static async Task<string> SubmitOrderAsync(
        SampleEnvironment environment, IReadOnlyDictionary<string, JsonObject> customers, JsonObject order,
        DateOnly today, CancellationToken cancellationToken)
    {
        var code = order["customer"]!.GetValue<string>();
        var customer = customers[code];
        var salesRep = customer["salesOwner"]!.GetValue<string>();
        var data = new JsonObject
        {
            ["customer"] = code,
            ["orderDate"] = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["requestedDeliveryDate"] = today.AddDays(3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["salesRep"] = salesRep,
            ["lines"] = order["lines"]!.DeepClone(),
        };
        // The flow stores the order as a record when it starts (settings.startCreatesRecord), as a portal
        // submission does: the store numbers it and the engine computes its totals. The region is not sent: the
        // credit check copies it from the customer record.
        var instance = await environment.Engine.StartAsync(
            new StartInstanceRequest("order-to-shipment", salesRep) { TriggerKind = TriggerKinds.Form, Form = data },
            cancellationToken).ConfigureAwait(false);
        return instance.Id;
    }

    private static async Task DriveOrderAsync(
        WorkflowEngine engine, IReadOnlyDictionary<string, JsonObject> customers, string instanceId, DateOnly today,
        CancellationToken cancellationToken)
    {
        for (var step = 0; step < 10; step++)
        {
            var task = (await OpenTasksAsync(engine, instanceId, cancellationToken).ConfigureAwait(false)).FirstOrDefault()
                ?? await OpenShipmentTaskAsync(engine, instanceId, cancellationToken).ConfigureAwait(false);
            if (task is null)
            {
                return;
            }

            var view = await engine.GetTaskViewAsync(task.Id, task.Assignee, cancellationToken).ConfigureAwait(false);
            var request = task.NodeId switch
            {
                "creditApproval" when !Approves(customers, view.Form) => null,
                "creditApproval" => new TaskActionRequest(task.Id, TaskActions.Approve, task.Assignee),
                "adjustOrder" => new TaskActionRequest(task.Id, TaskActions.Submit, task.Assignee)
                {
                    FormChanges = new JsonObject { ["cancelOrder"] = true },
                },
                "confirmShipment" => new TaskActionRequest(task.Id, TaskActions.Submit, task.Assignee)
                {
                    // The shipped quantities start equal to the allocated ones, so the submission ships in full.
                    FormChanges = new JsonObject
                    {
                        ["shippedDate"] = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                        ["trackingNo"] = "SF" + task.InstanceId[^10..],
                    },
                },
                _ => throw new InvalidOperationException(
                    $"Order instance {instanceId} waits at node '{task.NodeId}', which the scenario does not handle."),
            };
            if (request is null)
            {
                return;
            }

            await engine.ActAsync(request, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Returns the open task of the first running warehouse-shipment sub-flow of the order, or null. The order itself
    /// has no task while it waits for its shipments.
    /// </summary>
    private static async Task<WorkTask?> OpenShipmentTaskAsync(
        WorkflowEngine engine, string orderInstanceId, CancellationToken cancellationToken)
    {
        var shipments = await engine.QueryInstancesAsync(
            new InstanceQuery { ParentInstanceId = orderInstanceId, Status = InstanceStatuses.Running, Limit = 100 },
            cancellationToken).ConfigureAwait(false);
        foreach (var shipment in shipments.OrderBy(shipment => shipment.StartedAt))
        {
            if ((await OpenTasksAsync(engine, shipment.Id, cancellationToken).ConfigureAwait(false)).FirstOrDefault()
                is { } task)
            {
                return task;
            }
        }

        return null;
    }

    /// <summary>The scenario's credit officers approve orders of customers whose status is normal or watch.</summary>
    private static bool Approves(IReadOnlyDictionary<string, JsonObject> customers, JsonObject order) =>
        order["customer"]?.GetValue<string>() is { } code
        && customers.TryGetValue(code, out var customer)
        && customer["creditStatus"]?.GetValue<string>() is "normal" or "watch";

    private static async Task<IReadOnlyList<WorkTask>> OpenTasksAsync(
        WorkflowEngine engine, string? instanceId, CancellationToken cancellationToken) =>
        await engine.QueryTasksAsync(new TaskQuery { InstanceId = instanceId, Limit = 10_000 }, cancellationToken)
            .ConfigureAwait(false);

    internal static async Task<IReadOnlyDictionary<string, JsonObject>> CustomersAsync(
        SampleEnvironment environment, CancellationToken cancellationToken)
    {
        var page = await environment.Stores.Records.QueryAsync(
            new RecordQuery("customer") { Limit = 10_000 }, null, cancellationToken).ConfigureAwait(false);
        return page.Items.ToDictionary(entry => entry.Data["code"]!.GetValue<string>(), entry => entry.Data, StringComparer.Ordinal);
    }

    /// <summary>The last <see cref="OrderCount"/> orders of orders.csv, with product, quantity and unit price per line.</summary>
    public static async Task<IReadOnlyList<JsonObject>> ReadOrdersAsync(string dataFolder, CancellationToken cancellationToken)
    {
        var path = Path.Combine(dataFolder, SampleFiles.Orders);
        await using var source = await Import.CsvImportSource.OpenAsync(File.OpenRead(path), cancellationToken)
            .ConfigureAwait(false);
        var customer = IndexOf(source.Headers, "customer", path);
        var lines = IndexOf(source.Headers, "lines", path);
        var orders = new List<JsonObject>();
        await foreach (var row in source.ReadRowsAsync(cancellationToken).ConfigureAwait(false))
        {
            var parsed = JsonNode.Parse(row.Cells[lines]?.ToString() ?? "[]") as JsonArray ?? [];
            var cleaned = new JsonArray();
            foreach (var line in parsed.OfType<JsonObject>())
            {
                cleaned.Add(new JsonObject
                {
                    ["product"] = line["product"]!.DeepClone(),
                    ["quantity"] = line["quantity"]!.DeepClone(),
                    ["unitPrice"] = line["unitPrice"]!.DeepClone(),
                });
            }

            orders.Add(new JsonObject { ["customer"] = row.Cells[customer]?.ToString(), ["lines"] = cleaned });
        }

        return orders.Count <= OrderCount ? orders : orders[^OrderCount..];
    }

    private static int IndexOf(IReadOnlyList<string> headers, string name, string path)
    {
        var index = headers.ToList().IndexOf(name);
        return index >= 0 ? index : throw new SampleLoadException($"\"{path}\" has no \"{name}\" column.");
    }

    private static async Task<ScenarioSummary> SummarizeAsync(
        SampleEnvironment environment, int submitted, int reviews, CancellationToken cancellationToken)
    {
        var engine = environment.Engine;
        var orders = await WithVariablesAsync(engine, "order-to-shipment", cancellationToken).ConfigureAwait(false);
        var reviewInstances = await WithVariablesAsync(engine, "customer-credit-review", cancellationToken)
            .ConfigureAwait(false);
        var open = await OpenTasksAsync(engine, null, cancellationToken).ConfigureAwait(false);
        var shipped = orders.Where(order => order.EndNodeId == "endShipped").ToList();
        var batches = await CountAsync(environment, "stock-batch", "expiryAlert", cancellationToken).ConfigureAwait(false);
        var receivables = await CountAsync(environment, "receivable", "sourceErp", cancellationToken).ConfigureAwait(false);
        var quarantined = await CountAsync(environment, "stock-batch", "status", cancellationToken).ConfigureAwait(false);
        var incidents = await engine.GetIncidentsAsync(null, openOnly: true, cancellationToken).ConfigureAwait(false);
        return new ScenarioSummary
        {
            CreditReviews = reviews,
            OverdueWarnings = reviewInstances.Count(review =>
                review.TriggerKind == TriggerKinds.Record
                && review.Variables["profile"]?["overdueCount"]?.GetValue<decimal>() > 0),
            OrdersSubmitted = submitted,
            OrdersShipped = shipped.Count,
            OrdersBlockedByCredit = orders.Count(order => order.EndNodeId == "endBlocked"),
            OrdersWaitingForApproval = open.Count(task => task.NodeId == "creditApproval"),
            OrdersCancelledForShortage = orders.Count(order => order.EndNodeId == "endWithdrawn"),
            BatchesAllocated = shipped.Sum(order => (order.Variables["allocation"] as JsonArray)?.Count ?? 0),
            StockWarnings = orders.Count(order => (order.Variables["lowCover"] as JsonArray)?.Count > 0),
            ReceivablesCreated = receivables.GetValueOrDefault("workflowkit"),
            BatchesFlagged90 = batches.GetValueOrDefault("d90"),
            BatchesFlagged60 = batches.GetValueOrDefault("d60"),
            BatchesFlagged30 = batches.GetValueOrDefault("d30"),
            BatchesUnshippable = batches.GetValueOrDefault("unshippable"),
            BatchesQuarantined = quarantined.GetValueOrDefault("quarantined"),
            Incidents = incidents.Count,
            IncidentMessages = [.. incidents.Select(incident =>
                $"instance {incident.InstanceId} node {incident.NodeId}: {incident.Message}")],
        };
    }

    /// <summary>The instances of a flow with their variables, which instance queries leave out.</summary>
    private static async Task<List<WorkflowInstance>> WithVariablesAsync(
        WorkflowEngine engine, string flowKey, CancellationToken cancellationToken)
    {
        var found = await engine.QueryInstancesAsync(new InstanceQuery { FlowKey = flowKey, Limit = 10_000 }, cancellationToken)
            .ConfigureAwait(false);
        var instances = new List<WorkflowInstance>();
        foreach (var instance in found)
        {
            var detail = await engine.GetInstanceAsync(instance.Id, cancellationToken).ConfigureAwait(false);
            instances.Add(detail?.Instance ?? instance);
        }

        return instances;
    }

    private static async Task<Dictionary<string, int>> CountAsync(
        SampleEnvironment environment, string formKey, string field, CancellationToken cancellationToken)
    {
        var page = await environment.Stores.Records.QueryAsync(
            new RecordQuery(formKey) { Limit = 100_000, CountTotal = false }, null, cancellationToken).ConfigureAwait(false);
        return page.Items
            .GroupBy(entry => entry.Data[field]?.ToString() ?? string.Empty, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.Count(), StringComparer.Ordinal);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
