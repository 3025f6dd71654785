using System.Globalization;
using System.Text.Json.Nodes;
using WorkflowKit.Records;
using WorkflowKit.Replenishment.Planning;
using WorkflowKit.Replenishment.Records;
using WorkflowKit.Runtime.Services;
using WorkflowKit.Storage;

namespace WorkflowKit.Replenishment;

/// <summary>
/// The <c>replenishment.shortfalls</c> service: reads products, stock batches, orders, purchase plans and
/// customers inside the calling step and returns the products whose stock falls short over their lead time.
/// </summary>
/// <remarks>
/// <para>Input (all optional): <c>minShelfLifeDays</c>, <c>reviewDays</c>, <c>riseThreshold</c>,
/// <c>historyMonths</c>, <c>useFastTree</c>, <c>perStepSelection</c>, <c>warehouses</c> (an object mapping each region
/// to its warehouse code); see <see cref="ReplenishmentSettings"/> for meanings and defaults.</para>
/// <para>Result: <c>{ asOf, checked, shortfalls: [ ... ] }</c>. Each shortfall has <c>product</c>,
/// <c>productName</c>, <c>leadTimeDays</c>, <c>forecastDemand</c>, <c>usableStock</c>, <c>unusableStock</c>,
/// <c>coveredByStock</c>, <c>incomingQuantity</c>, <c>shortfall</c>, <c>suggestedQuantity</c>, <c>model</c>,
/// <c>receivingWarehouse</c> and <c>receivingRegion</c> (see <see cref="ReceivingWarehouse"/>),
/// <c>confirmations</c> (rows of <c>salesOwner</c>, <c>region</c>, <c>customer</c>, <c>customerName</c>,
/// <c>recentQuantity</c>, <c>forecastQuantity</c>) and <c>salesOwners</c> (distinct user ids). <c>pending</c> lists
/// the short products left alone because a draft plan of theirs (<c>planNo</c>) is still being worked out, so that a
/// second run on one day starts no second replenishment of a product.</para>
/// <para>NOTE: the forecast runs inside the step's transaction, which on SQLite holds the database's write lock,
/// and other writers give up after SQLite's 30 s busy timeout. On the 40-product sample data on a shared 2-core
/// machine a run took 11 to 12 s with FastTree and 0.5 s without it, so the template turns FastTree off.</para>
/// </remarks>
public sealed class ReplenishmentFlowService : IFlowService
{
    public const string ServiceName = "replenishment.shortfalls";

    public string Name => ServiceName;

    public async Task<JsonNode?> InvokeAsync(
        FlowServiceContext context, JsonObject input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var settings = ReadSettings(input);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(context.Now, context.TimeZone).DateTime);
        var data = await ReadAsync(context.Records, context.Transaction, settings, cancellationToken).ConfigureAwait(false);

        var plan = ReplenishmentPlanner.Plan(data, today, settings, cancellationToken);
        return ToJson(plan);
    }

    /// <summary>Reads the planner's input from the store, inside <paramref name="transaction"/> when one is given.</summary>
    public static async Task<PlanningData> ReadAsync(
        IRecordStore store, IStorageTransaction? transaction, ReplenishmentSettings settings,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var forms = new[]
        {
            PlanningDataMapper.ProductForm, PlanningDataMapper.BatchForm, PlanningDataMapper.OrderForm,
            PlanningDataMapper.PurchasePlanForm, PlanningDataMapper.CustomerForm,
        };
        var records = new Dictionary<string, IReadOnlyList<JsonObject>>(StringComparer.Ordinal);
        foreach (var form in forms)
        {
            records[form] = await StoreRecordSource.ReadAllAsync(store, form, transaction, cancellationToken)
                .ConfigureAwait(false);
        }

        return PlanningDataMapper.Map(records, settings);
    }

    /// <summary>Reads the settings a node's input overrides; throws <see cref="ArgumentException"/> on a bad value.</summary>
    public static ReplenishmentSettings ReadSettings(JsonObject input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var defaults = new ReplenishmentSettings();
        var settings = defaults with
        {
            MinShelfLifeDays = Whole(input, "minShelfLifeDays") ?? defaults.MinShelfLifeDays,
            ReviewDays = Whole(input, "reviewDays") ?? defaults.ReviewDays,
            HistoryMonths = Whole(input, "historyMonths") ?? defaults.HistoryMonths,
            RiseThreshold = input["riseThreshold"] is null ? defaults.RiseThreshold : FormValues.Number(input["riseThreshold"]),
            UseFastTree = input["useFastTree"] is null ? defaults.UseFastTree : FormValues.Boolean(input, "useFastTree", true),
            PerStepSelection = input["perStepSelection"] is null
                ? defaults.PerStepSelection
                : FormValues.Boolean(input, "perStepSelection", true),
            Warehouses = input["warehouses"] is null ? defaults.Warehouses : Warehouses(input["warehouses"]!),
        };
        settings.Validate();
        return settings;
    }

    private static List<RegionWarehouse> Warehouses(JsonNode value)
    {
        if (value is not JsonObject map
            || map.Any(pair => pair.Value is not JsonValue code || !code.TryGetValue<string>(out _)))
        {
            throw new ArgumentException(
                "Service input \"warehouses\" must map each region to a warehouse code, for example " +
                $"{{ \"east\": \"sh\", \"north\": \"bj\" }}, got {value.ToJsonString()}.",
                nameof(value));
        }

        return [.. map.Select(pair => new RegionWarehouse(pair.Key, pair.Value!.GetValue<string>()))];
    }

    private static int? Whole(JsonObject input, string name)
    {
        if (input[name] is null)
        {
            return null;
        }

        var value = FormValues.Number(input[name]);
        if (value != decimal.Truncate(value) || value is < int.MinValue or > int.MaxValue)
        {
            throw new ArgumentException(
                $"Service input \"{name}\" must be a whole number, got {input[name]!.ToJsonString()}.", nameof(input));
        }

        return (int)value;
    }

    private static JsonObject ToJson(ReplenishmentPlan plan)
    {
        var shortfalls = new JsonArray();
        foreach (var position in plan.Shortfalls)
        {
            var confirmations = new JsonArray();
            foreach (var confirmation in position.Confirmations)
            {
                confirmations.Add(new JsonObject
                {
                    ["salesOwner"] = confirmation.SalesOwner,
                    ["region"] = confirmation.Region,
                    ["customer"] = confirmation.Customer,
                    ["customerName"] = confirmation.CustomerName,
                    ["recentQuantity"] = confirmation.RecentQuantity,
                    ["forecastQuantity"] = confirmation.ForecastQuantity,
                });
            }

            var owners = position.Confirmations.Select(c => c.SalesOwner).Distinct(StringComparer.Ordinal);
            shortfalls.Add(new JsonObject
            {
                ["product"] = position.Product,
                ["productName"] = position.ProductName,
                ["leadTimeDays"] = position.LeadTimeDays,
                ["forecastDemand"] = position.ForecastDemand,
                ["usableStock"] = position.UsableStock,
                ["unusableStock"] = position.UnusableStock,
                ["coveredByStock"] = position.CoveredByStock,
                ["incomingQuantity"] = position.IncomingQuantity,
                ["shortfall"] = position.Shortfall,
                ["suggestedQuantity"] = position.SuggestedQuantity,
                ["model"] = position.Model,
                ["receivingWarehouse"] = position.Receiving?.Warehouse,
                ["receivingRegion"] = position.Receiving?.Region,
                ["confirmations"] = confirmations,
                ["salesOwners"] = new JsonArray([.. owners.Select(owner => (JsonNode)owner)]),
            });
        }

        var pending = new JsonArray();
        foreach (var position in plan.Pending)
        {
            pending.Add(new JsonObject
            {
                ["product"] = position.Product,
                ["productName"] = position.ProductName,
                ["shortfall"] = position.Shortfall,
                ["planNo"] = position.PendingPlanNo,
            });
        }

        return new JsonObject
        {
            ["asOf"] = plan.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["checked"] = plan.Products.Count,
            ["shortfalls"] = shortfalls,
            ["pending"] = pending,
        };
    }
}
