using System.Globalization;
using System.Text.Json.Nodes;
using WorkflowKit.Replenishment.Planning;

namespace WorkflowKit.Replenishment.Records;

/// <summary>
/// Converts records of the biopharma template's forms into planner inputs: <c>product</c>, <c>stock-batch</c>,
/// <c>order</c> (its <c>lines</c>), <c>purchase-plan</c> and <c>customer</c>.
/// </summary>
public static class PlanningDataMapper
{
    public const string ProductForm = "product";
    public const string BatchForm = "stock-batch";
    public const string OrderForm = "order";
    public const string PurchasePlanForm = "purchase-plan";
    public const string CustomerForm = "customer";

    /// <summary>Builds the planner's input from the data objects of each form's live records.</summary>
    public static PlanningData Map(
        IReadOnlyDictionary<string, IReadOnlyList<JsonObject>> recordsByForm, ReplenishmentSettings settings)
    {
        ArgumentNullException.ThrowIfNull(recordsByForm);
        ArgumentNullException.ThrowIfNull(settings);
        IReadOnlyList<JsonObject> Of(string form) => recordsByForm.TryGetValue(form, out var list) ? list : [];

        var products = Of(ProductForm)
            .Where(data => !string.IsNullOrWhiteSpace(FormValues.Text(data, "code")))
            .Select(data => new ProductInfo(
                FormValues.Text(data, "code")!, FormValues.Text(data, "name"),
                (int)Math.Max(0m, FormValues.Number(data, "leadTimeDays")), FormValues.Boolean(data, "active", true))
            {
                QuantityDecimals = QuantityDecimals(data),
            })
            .ToList();
        var batches = Of(BatchForm)
            .Where(data => !string.IsNullOrWhiteSpace(FormValues.Text(data, "product")))
            .Select(data => new StockBatch(
                FormValues.Text(data, "batchNo") ?? string.Empty, FormValues.Text(data, "product")!,
                FormValues.Text(data, "warehouse"), FormValues.Number(data, "quantity"),
                FormValues.Number(data, "reservedQuantity"), FormValues.Date(data, "expiryDate"),
                FormValues.Text(data, "status") ?? "available"))
            .ToList();
        var incoming = Of(PurchasePlanForm)
            .Where(data => settings.OpenPlanStatuses.Contains(FormValues.Text(data, "status") ?? string.Empty)
                && !string.IsNullOrWhiteSpace(FormValues.Text(data, "product")))
            .Select(data => new IncomingSupply(
                FormValues.Text(data, "product")!, FormValues.Number(data, "quantity"),
                FormValues.Date(data, "expectedArrival"), FormValues.Text(data, "planNo"), FormValues.Text(data, "status")))
            .ToList();
        var customers = Of(CustomerForm)
            .Where(data => !string.IsNullOrWhiteSpace(FormValues.Text(data, "code")))
            .Select(data => new CustomerInfo(
                FormValues.Text(data, "code")!, FormValues.Text(data, "name"), FormValues.Text(data, "region"),
                FormValues.Text(data, "salesOwner"), ShelfLifeDays(data)))
            .ToList();
        return new PlanningData(products, batches, DemandLines(Of(OrderForm), settings), incoming, customers);
    }

    /// <summary>
    /// Reads a customer's <c>minShelfLifeDays</c>, rounded up to whole days. Returns null when the field is empty,
    /// not a number, or outside 0 to 3650, so that the planner's default applies.
    /// </summary>
    /// <summary>
    /// Reads a product's <c>quantityDecimals</c>: 0 when it is empty. The product form allows whole numbers from 0 to
    /// <see cref="ProductInfo.MaxQuantityDecimals"/>, so a value outside that, such as one written without the form's
    /// checks, is clamped into it.
    /// </summary>
    private static int QuantityDecimals(JsonObject product) =>
        (int)Math.Clamp(decimal.Truncate(FormValues.Number(product, "quantityDecimals")), 0m, ProductInfo.MaxQuantityDecimals);

    private static int? ShelfLifeDays(JsonObject customer)
    {
        if (customer["minShelfLifeDays"] is not JsonValue value
            || !decimal.TryParse(value.ToString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var days)
            || days is < 0m or > 3650m)
        {
            return null;
        }

        return (int)Math.Ceiling(days);
    }

    /// <summary>One demand line per order line of orders whose status is not excluded and that have a date.</summary>
    public static List<DemandLine> DemandLines(IEnumerable<JsonObject> orders, ReplenishmentSettings settings)
    {
        ArgumentNullException.ThrowIfNull(orders);
        ArgumentNullException.ThrowIfNull(settings);
        var lines = new List<DemandLine>();
        foreach (var order in orders)
        {
            if (settings.ExcludedOrderStatuses.Contains(FormValues.Text(order, "status") ?? string.Empty)
                || FormValues.Date(order, "orderDate") is not { } date || order["lines"] is not JsonArray rows)
            {
                continue;
            }

            var customer = FormValues.Text(order, "customer");
            foreach (var row in rows.OfType<JsonObject>())
            {
                if (FormValues.Text(row, "product") is { Length: > 0 } product)
                {
                    lines.Add(new DemandLine(date, customer, product, FormValues.Number(row, "quantity")));
                }
            }
        }

        return lines;
    }
}
