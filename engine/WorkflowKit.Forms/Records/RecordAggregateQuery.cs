using WorkflowKit.Definitions.Conditions;

namespace WorkflowKit.Records;

/// <summary>Counts and decimal sums of one form's live records, optionally grouped by a field.</summary>
public sealed record RecordAggregateQuery(string FormKey)
{
    public Condition? Filter { get; init; }

    public RecordFilter? Where { get; init; }

    /// <summary>A field id or system field to group by; one row for all records when null.</summary>
    public string? GroupBy { get; init; }

    /// <summary>Number or money fields to sum, in decimal.</summary>
    public IReadOnlyList<string> Sum { get; init; } = [];
}
