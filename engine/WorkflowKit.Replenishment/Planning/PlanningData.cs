namespace WorkflowKit.Replenishment.Planning;

/// <summary>The records the planner reads, already converted from form data.</summary>
public sealed record PlanningData(
    IReadOnlyList<ProductInfo> Products,
    IReadOnlyList<StockBatch> Batches,
    IReadOnlyList<DemandLine> Demand,
    IReadOnlyList<IncomingSupply> Incoming,
    IReadOnlyList<CustomerInfo> Customers);
