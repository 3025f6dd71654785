namespace WorkflowKit.Samples.Model;

/// <summary>One line of a sample order.</summary>
internal sealed record SampleOrderLine(string Product, int Quantity, decimal UnitPrice)
{
    public decimal Amount => Quantity * UnitPrice;
}
