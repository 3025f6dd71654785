namespace WorkflowKit.Samples.Scenarios;

/// <summary>The outcome of one scenario run, counted from the database afterwards.</summary>
public sealed record ScenarioSummary
{
    /// <summary>Credit reviews started (by the monthly sweep through record triggers) and completed.</summary>
    public int CreditReviews { get; init; }

    /// <summary>Credit reviews that raised an overdue warning.</summary>
    public int OverdueWarnings { get; init; }

    public int OrdersSubmitted { get; init; }

    public int OrdersShipped { get; init; }

    public int OrdersBlockedByCredit { get; init; }

    /// <summary>Orders whose credit approval the script left open for a person to decide.</summary>
    public int OrdersWaitingForApproval { get; init; }

    /// <summary>Orders cancelled at the adjust step because stock was short.</summary>
    public int OrdersCancelledForShortage { get; init; }

    /// <summary>Allocation lines (order, batch) of the shipped orders.</summary>
    public int BatchesAllocated { get; init; }

    /// <summary>Orders that got a low-cover stock warning (eligible stock below 1.5 times an ordered quantity).</summary>
    public int StockWarnings { get; init; }

    public int ReceivablesCreated { get; init; }

    public int BatchesFlagged90 { get; init; }

    public int BatchesFlagged60 { get; init; }

    public int BatchesFlagged30 { get; init; }

    /// <summary>Batches whose days left are below every active customer's minimum shelf life.</summary>
    public int BatchesUnshippable { get; init; }

    public int BatchesQuarantined { get; init; }

    /// <summary>Open incidents after the run; a clean run has none.</summary>
    public int Incidents { get; init; }

    /// <summary>The open incidents as "flow instance node: message", so a failed run says what went wrong.</summary>
    public IReadOnlyList<string> IncidentMessages { get; init; } = [];
}
