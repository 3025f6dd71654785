namespace WorkflowKit.Samples.Model;

/// <summary>How a customer pays its invoices in the sample history.</summary>
internal enum PayerKind
{
    /// <summary>Pays between three weeks before and five days after the due date.</summary>
    Prompt,

    /// <summary>Pays one to three months late, sometimes in parts.</summary>
    Slow,

    /// <summary>Pays months late or not at all; the source of long overdue balances.</summary>
    Delinquent,
}
