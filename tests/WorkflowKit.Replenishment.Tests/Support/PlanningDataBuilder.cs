using WorkflowKit.Replenishment.Planning;

namespace WorkflowKit.Replenishment.Tests.Support;

/// <summary>Builds planner inputs in code: products, batches and a flat monthly history of order lines.</summary>
internal sealed class PlanningDataBuilder
{
    private readonly List<ProductInfo> _products = [];
    private readonly List<StockBatch> _batches = [];
    private readonly List<DemandLine> _demand = [];
    private readonly List<IncomingSupply> _incoming = [];
    private readonly List<CustomerInfo> _customers = [];

    public PlanningDataBuilder Product(string code, int leadTimeDays = 31, int quantityDecimals = 0)
    {
        _products.Add(new ProductInfo(code, "Product " + code, leadTimeDays) { QuantityDecimals = quantityDecimals });
        return this;
    }

    public PlanningDataBuilder Batch(
        string batchNo, string product, decimal quantity, string? expiry, string status = "available", decimal reserved = 0m)
    {
        _batches.Add(new StockBatch(
            batchNo, product, "sh", quantity, reserved, expiry is null ? null : DateOnly.Parse(expiry,
                System.Globalization.CultureInfo.InvariantCulture), status));
        return this;
    }

    /// <summary>Adds one order line of <paramref name="quantity"/> on the 15th of each month in [from, to).</summary>
    public PlanningDataBuilder Monthly(string product, decimal quantity, DateOnly from, DateOnly to, string customer = "C0001")
    {
        for (var month = from; month < to; month = month.AddMonths(1))
        {
            _demand.Add(new DemandLine(month.AddDays(14), customer, product, quantity));
        }

        return this;
    }

    /// <summary>Adds one order line of each quantity on the 15th of consecutive months from <paramref name="from"/>.</summary>
    public PlanningDataBuilder Months(string product, DateOnly from, string customer, params decimal[] quantities)
    {
        for (var index = 0; index < quantities.Length; index++)
        {
            _demand.Add(new DemandLine(from.AddMonths(index).AddDays(14), customer, product, quantities[index]));
        }

        return this;
    }

    public PlanningDataBuilder Incoming(
        string product, decimal quantity, string? arrival, string? status = null, string? planNo = null)
    {
        _incoming.Add(new IncomingSupply(
            product, quantity,
            arrival is null ? null : DateOnly.Parse(arrival, System.Globalization.CultureInfo.InvariantCulture), planNo,
            status));
        return this;
    }

    public PlanningDataBuilder Customer(string code, int? minShelfLifeDays)
    {
        _customers.Add(new CustomerInfo(code, "Customer " + code, "east", "sales-" + code, minShelfLifeDays));
        return this;
    }

    public PlanningData Build() => new(_products, _batches, _demand, _incoming, _customers);
}
