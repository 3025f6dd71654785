namespace WorkflowKit.Samples.Model;

/// <summary>An open purchase plan for next month.</summary>
internal sealed record SamplePurchasePlan(
    string Product,
    string Period,
    int Quantity,
    string Status,
    DateOnly ExpectedArrival,
    string Buyer,
    string Reason);
