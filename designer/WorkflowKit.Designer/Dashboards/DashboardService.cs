using System.Globalization;
using System.Text.Json.Nodes;
using WorkflowKit.Definitions.Conditions;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Designer.Accounts;
using WorkflowKit.Designer.Records;
using WorkflowKit.Designer.Services;
using WorkflowKit.Forms;
using WorkflowKit.Permissions;
using WorkflowKit.Records;
using WorkflowKit.Runtime;

namespace WorkflowKit.Designer.Dashboards;

/// <summary>
/// Computes the dashboard charts. Record charts read through <see cref="RecordReader"/>, the one
/// permission filter, so each user's numbers cover only the rows and fields their rules show;
/// the task chart covers the instances the user may see. "Today" is the date in the engine's
/// tenant time zone.
/// </summary>
/// <remarks>
/// A field hidden from the user on every record raises <see cref="AccessDeniedException"/> for
/// that chart alone; a form that is not published gives an empty chart.
/// </remarks>
public sealed class DashboardService(
    RecordReader reader, RecordSetup setup, IWorkService work, EngineOptions engineOptions, TimeProvider clock)
{
    private const int PageSize = 500;

    /// <summary>
    /// Outstanding amount (CNY) of receivables past their due date, by the region of their
    /// customer; receivables whose customer the user cannot see are grouped under the key "".
    /// <see cref="ChartPoint.Count"/> is the number of distinct customers with such receivables, not invoices.
    /// </summary>
    public async Task<IReadOnlyList<ChartPoint>> ReceivablesOverdueByRegionAsync(
        UserContext user, string culture, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var customerForm = await setup.EnsureFormAsync(DashboardForms.Customer, cancellationToken);
        if (await setup.EnsureFormAsync(DashboardForms.Receivable, cancellationToken) is null || customerForm is null)
        {
            return [];
        }

        var overdue = Condition.AllOf(
            Rule("dueDate", RuleOperators.LessThan, Today()),
            Rule("outstandingAmount", RuleOperators.GreaterThan, 0));
        var byCustomer = new Dictionary<string, decimal>(StringComparer.Ordinal);
        await foreach (var record in ReadAllAsync(user, DashboardForms.Receivable, overdue, cancellationToken))
        {
            var customer = Text(record.Data["customer"]) ?? string.Empty;
            byCustomer[customer] = byCustomer.GetValueOrDefault(customer) + Decimal(record.Data["outstandingAmount"]);
        }

        var regions = await CustomerRegionsAsync(user, [.. byCustomer.Keys], cancellationToken);
        return [.. byCustomer
            .GroupBy(pair => regions.GetValueOrDefault(pair.Key) ?? string.Empty, StringComparer.Ordinal)
            .Select(group => new ChartPoint(
                group.Key,
                OptionLabel(customerForm, "region", group.Key, culture),
                group.Sum(pair => pair.Value),
                group.LongCount(pair => pair.Key.Length > 0)))
            .OrderByDescending(point => point.Value)];
    }

    /// <summary>Stock quantity of batches by days until their expiry date, one point per <see cref="ExpiryWindows"/> window.</summary>
    public async Task<IReadOnlyList<ChartPoint>> StockByExpiryWindowAsync(
        UserContext user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (await setup.EnsureFormAsync(DashboardForms.StockBatch, cancellationToken) is null)
        {
            return [];
        }

        var today = TodayDate();
        var points = new List<ChartPoint>();
        foreach (var (key, from, to) in ExpiryWindows.All)
        {
            var rules = new List<Rule>();
            if (from is { } first)
            {
                rules.Add(Rule("expiryDate", RuleOperators.GreaterThanOrEqual, Date(today.AddDays(first))));
            }

            if (to is { } last)
            {
                rules.Add(Rule("expiryDate", RuleOperators.LessThanOrEqual, Date(today.AddDays(last))));
            }

            var rows = await Translate(() => reader.AggregateAsync(
                user.Id, DashboardForms.StockBatch, null, ["quantity"], Condition.AllOf([.. rules]),
                cancellationToken));
            var row = rows.FirstOrDefault();
            points.Add(new ChartPoint(key, key, row?.Sums["quantity"] ?? 0m, row?.Count ?? 0));
        }

        return points;
    }

    /// <summary>Average days from order date to shipped date of shipped orders, by region.</summary>
    public async Task<IReadOnlyList<ChartPoint>> OrderCycleDaysByRegionAsync(
        UserContext user, string culture, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var orderForm = await setup.EnsureFormAsync(DashboardForms.Order, cancellationToken);
        if (orderForm is null)
        {
            return [];
        }

        var shipped = Condition.AllOf(
            Rule("orderDate", RuleOperators.IsNotEmpty, null),
            Rule("shippedDate", RuleOperators.IsNotEmpty, null));
        var days = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        await foreach (var record in ReadAllAsync(user, DashboardForms.Order, shipped, cancellationToken))
        {
            if (ParseDate(record.Data["orderDate"]) is { } ordered && ParseDate(record.Data["shippedDate"]) is { } sent)
            {
                var region = Text(record.Data["region"]) ?? string.Empty;
                if (!days.TryGetValue(region, out var list))
                {
                    days[region] = list = [];
                }

                list.Add(sent.DayNumber - ordered.DayNumber);
            }
        }

        return [.. days
            .Select(pair => new ChartPoint(
                pair.Key,
                OptionLabel(orderForm, "region", pair.Key, culture),
                Math.Round((decimal)pair.Value.Sum() / pair.Value.Count, 1, MidpointRounding.AwayFromZero),
                pair.Value.Count))
            .OrderBy(point => point.Key, StringComparer.Ordinal)];
    }

    /// <summary>
    /// Open tasks by flow node: <see cref="ChartPoint.Count"/> is the number open and
    /// <see cref="ChartPoint.Value"/> the number past their deadline.
    /// </summary>
    public async Task<IReadOnlyList<ChartPoint>> TasksOverdueByNodeAsync(
        UserContext user, string culture, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var now = clock.GetUtcNow();
        var open = await work.GetOpenTasksAsync(user, cancellationToken);
        return [.. open
            .GroupBy(task => (task.FlowKey, task.NodeId))
            .Select(group => new ChartPoint(
                group.Key.FlowKey + "/" + group.Key.NodeId,
                group.First().NodeName.Get(culture),
                group.Count(task => task.IsOverdue(now)),
                group.Count()))
            .OrderByDescending(point => point.Value)
            .ThenBy(point => point.Key, StringComparer.Ordinal)];
    }

    private async IAsyncEnumerable<RecordEntry> ReadAllAsync(
        UserContext user, string formKey, Condition filter,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (var offset = 0; ; offset += PageSize)
        {
            var page = await Translate(() => reader.ListAsync(
                user.Id,
                new RecordQuery(formKey) { Filter = filter, Offset = offset, Limit = PageSize, CountTotal = false },
                cancellationToken));
            foreach (var item in page.Items)
            {
                yield return item;
            }

            if (page.Items.Count < PageSize)
            {
                yield break;
            }
        }
    }

    private async Task<Dictionary<string, string>> CustomerRegionsAsync(
        UserContext user, IReadOnlyList<string> codes, CancellationToken cancellationToken)
    {
        var regions = new Dictionary<string, string>(StringComparer.Ordinal);
        if (codes.Count == 0)
        {
            return regions;
        }

        var filter = Condition.AllOf(
            Rule("code", RuleOperators.In, new JsonArray([.. codes.Select(code => (JsonNode?)JsonValue.Create(code))])));
        await foreach (var customer in ReadAllAsync(user, DashboardForms.Customer, filter, cancellationToken))
        {
            if (Text(customer.Data["code"]) is { } code && Text(customer.Data["region"]) is { } region)
            {
                regions[code] = region;
            }
        }

        return regions;
    }

    private DateOnly TodayDate()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(engineOptions.TimeZone);
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), zone).DateTime);
    }

    private string Today() => Date(TodayDate());

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static Rule Rule(string field, string op, JsonNode? value) =>
        new() { Field = field, Operator = op, Value = value };

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : node?.ToJsonString();

    private static decimal Decimal(JsonNode? node) =>
        FieldValues.TryGetDecimal(node, out var number) ? number
        : decimal.TryParse(Text(node), NumberStyles.Float, CultureInfo.InvariantCulture, out number) ? number
        : 0m;

    private static DateOnly? ParseDate(JsonNode? node) =>
        Text(node) is { Length: >= 10 } text
        && DateOnly.TryParseExact(text[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None,
            out var date)
            ? date
            : null;

    private static string OptionLabel(FormDefinition form, string fieldId, string value, string culture) =>
        form.Fields.FirstOrDefault(field => field.Id == fieldId)?.Options?
            .FirstOrDefault(option => option.Value == value)?.Label.Get(culture) ?? value;

    private static async Task<T> Translate<T>(Func<Task<T>> read)
    {
        try
        {
            return await read();
        }
        catch (UnauthorizedAccessException denied)
        {
            throw new AccessDeniedException(denied.Message, denied);
        }
    }
}
