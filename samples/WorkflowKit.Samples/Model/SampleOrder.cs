namespace WorkflowKit.Samples.Model;

/// <summary>A sample order: "shipped" orders have a shipping date and a receivable, "submitted" ones are
/// still open, "cancelled" ones have neither.</summary>
internal sealed record SampleOrder(
    string OrderNo,
    string Customer,
    DateOnly OrderDate,
    IReadOnlyList<SampleOrderLine> Lines,
    string Status,
    DateOnly? ShippedDate)
{
    public decimal Total => Lines.Sum(line => line.Amount);
}
