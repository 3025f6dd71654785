namespace WorkflowKit.Samples.Model;

/// <summary>The selling price of a product in one region.</summary>
internal sealed record SampleRegionalPrice(string Product, string Region, decimal UnitPrice, DateOnly ValidFrom);
