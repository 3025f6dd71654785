namespace WorkflowKit.Replenishment.Planning;

/// <summary>
/// Units already planned or ordered for a product (an open purchase plan). A plan without an expected
/// arrival date counts as arriving within the lead time. <paramref name="Status"/> is the plan's status, null when
/// unknown.
/// </summary>
public sealed record IncomingSupply(
    string Product, decimal Quantity, DateOnly? ExpectedArrival, string? PlanNo, string? Status = null);
