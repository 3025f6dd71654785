namespace WorkflowKit.Replenishment.Planning;

/// <summary>One order line of history: the order date, its customer, the product and the units ordered.</summary>
public sealed record DemandLine(DateOnly Date, string? Customer, string Product, decimal Quantity);
