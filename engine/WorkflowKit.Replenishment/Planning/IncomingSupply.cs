namespace WorkflowKit.Replenishment.Planning;

/// <summary>
/// Units already planned or ordered for a product (an open purchase plan). A plan without an expected
/// arrival date counts as arriving within the lead time.
/// </summary>
public sealed record IncomingSupply(string Product, decimal Quantity, DateOnly? ExpectedArrival, string? PlanNo);
