using System.Globalization;
using System.Text.Json.Nodes;
using WorkflowKit.Records;
using WorkflowKit.Runtime.Tasks;

namespace WorkflowKit.Samples.Scenarios;

/// <summary>
/// A short part of the daily scenario for a fresh installation. It loads the templates, users, master data and the
/// three years of order history, which the forecast dashboard forecasts from. It then requests a credit review of a
/// few customers of each region and submits a few of the most recent orders again, leaving every instance at its
/// first human task. When no submitted order ships from one of the warehouses, it submits earlier orders until each
/// warehouse's staff has a shipping task, so that every demo warehouse account has work. The inbox, records and dashboards therefore have something to show, and nothing is approved
/// on anyone's behalf.
/// </summary>
public static class StarterScenario
{
    /// <summary>Credit reviews requested per region.</summary>
    public const int ReviewsPerRegion = 1;

    /// <summary>The most recent orders of orders.csv that are always submitted.</summary>
    public const int OrderCount = 6;

    /// <summary>
    /// Earlier orders submitted at most, newest first, until every warehouse with available stock has a shipping task.
    /// </summary>
    public const int MaxExtraOrders = 30;

    private const string ShippingFlow = "warehouse-shipment";
    private const string ShippingNode = "confirmShipment";

    /// <summary>
    /// Loads the sample data into <paramref name="environment"/> and starts the instances; the reviews and orders
    /// are dated <paramref name="today"/>.
    /// </summary>
    /// <exception cref="SampleLoadException">The sample files do not load.</exception>
    public static async Task<StarterSummary> RunAsync(
        SampleEnvironment environment, SampleLoadOptions options, DateOnly today, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(options);
        var engine = environment.Engine;
        var loaded = await SampleLoader.LoadAsync(environment, options, cancellationToken)
            .ConfigureAwait(false);
        await DailyScenario.DrainAsync(engine, cancellationToken).ConfigureAwait(false);

        var reviews = await RequestReviewsAsync(environment, today, cancellationToken).ConfigureAwait(false);
        await DailyScenario.DrainAsync(engine, cancellationToken).ConfigureAwait(false);

        var customers = await DailyScenario.CustomersAsync(environment, cancellationToken).ConfigureAwait(false);
        var orders = await DailyScenario.ReadOrdersAsync(options.DataFolder, cancellationToken).ConfigureAwait(false);
        var submitted = new List<string>();
        foreach (var order in orders.TakeLast(OrderCount))
        {
            submitted.Add(await DailyScenario.SubmitOrderAsync(environment, customers, order, today, cancellationToken)
                .ConfigureAwait(false));
        }

        await DailyScenario.DrainAsync(engine, cancellationToken).ConfigureAwait(false);
        var missing = await WarehousesWithoutShippingTaskAsync(environment, cancellationToken).ConfigureAwait(false);
        foreach (var order in orders.SkipLast(OrderCount).Reverse().Take(MaxExtraOrders))
        {
            if (missing.Count == 0)
            {
                break;
            }

            submitted.Add(await DailyScenario.SubmitOrderAsync(environment, customers, order, today, cancellationToken)
                .ConfigureAwait(false));
            await DailyScenario.DrainAsync(engine, cancellationToken).ConfigureAwait(false);
            missing = await WarehousesWithoutShippingTaskAsync(environment, cancellationToken).ConfigureAwait(false);
        }

        return new StarterSummary(loaded.Users, loaded.RowsByForm.Values.Sum(), reviews, submitted.Count);
    }

    /// <summary>
    /// Returns the warehouses that hold available stock but have no open shipping task yet. The shipping task of a
    /// warehouse-shipment goes to the staff of the department <c>warehouse-</c> and its warehouse code, so such a
    /// warehouse's staff would find no order to ship in the demo.
    /// </summary>
    private static async Task<HashSet<string>> WarehousesWithoutShippingTaskAsync(
        SampleEnvironment environment, CancellationToken cancellationToken)
    {
        var batches = await environment.Engine.Records.QueryAsync(
            new RecordQuery("stock-batch") { Limit = 10_000, CountTotal = false }, null, cancellationToken)
            .ConfigureAwait(false);
        var missing = batches.Items
            .Where(entry => entry.Data["status"]?.ToString() == "available")
            .Select(entry => entry.Data["warehouse"]?.ToString())
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);
        var tasks = await environment.Engine.QueryTasksAsync(
            new TaskQuery { NodeId = ShippingNode, Limit = 10_000 }, cancellationToken)
            .ConfigureAwait(false);
        var shipping = tasks.Where(task => task.FlowKey == ShippingFlow).Select(task => task.InstanceId);
        foreach (var instanceId in shipping.Distinct(StringComparer.Ordinal))
        {
            var detail = await environment.Engine.GetInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false);
            if (detail?.Instance.Form["warehouse"]?.ToString() is { } warehouse)
            {
                missing.Remove(warehouse);
            }
        }

        return missing;
    }

    /// <summary>Sets <c>reviewRequestedOn</c> on the first customers of each region, which starts their reviews.</summary>
    private static async Task<int> RequestReviewsAsync(
        SampleEnvironment environment, DateOnly today, CancellationToken cancellationToken)
    {
        var page = await environment.Engine.Records.QueryAsync(
            new RecordQuery("customer") { Limit = 10_000, CountTotal = false }, null, cancellationToken).ConfigureAwait(false);
        var chosen = page.Items
            .OrderBy(entry => entry.Id)
            .GroupBy(entry => entry.Data["region"]?.ToString() ?? string.Empty, StringComparer.Ordinal)
            .SelectMany(region => region.Take(ReviewsPerRegion))
            .ToList();
        var requested = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        foreach (var customer in chosen)
        {
            await environment.Engine.Records.UpdateAsync(
                "customer", customer.Id, new JsonObject { ["reviewRequestedOn"] = requested }, customer.Version,
                new RecordWriteContext(customer.Data["salesOwner"]?.ToString() ?? "system"), cancellationToken)
                .ConfigureAwait(false);
        }

        return chosen.Count;
    }
}

/// <summary>What <see cref="StarterScenario.RunAsync"/> loaded and started.</summary>
public sealed record StarterSummary(int Users, long Records, int ReviewsRequested, int OrdersSubmitted);
