namespace WorkflowKit.Samples.Model;

/// <summary>An invoice of a shipped order and what the customer has paid of it by the sample's date.</summary>
internal sealed record SampleReceivable(
    string InvoiceNo,
    string OrderNo,
    string Customer,
    DateOnly InvoiceDate,
    DateOnly DueDate,
    decimal Amount,
    decimal PaidAmount)
{
    public decimal Outstanding => Amount - PaidAmount;
}
