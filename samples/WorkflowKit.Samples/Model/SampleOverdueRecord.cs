namespace WorkflowKit.Samples.Model;

/// <summary>A line of the finance department's overdue ledger.</summary>
internal sealed record SampleOverdueRecord(
    string Customer,
    string InvoiceNo,
    DateOnly DueDate,
    decimal OverdueAmount,
    int DaysPastDue,
    string FollowUp);
