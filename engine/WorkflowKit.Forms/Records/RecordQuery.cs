using WorkflowKit.Definitions.Conditions;
using WorkflowKit.Definitions.Packages;

namespace WorkflowKit.Records;

/// <summary>A page of one form's live records, filtered and sorted on record fields.</summary>
public sealed record RecordQuery(string FormKey)
{
    public Condition? Filter { get; init; }

    public IReadOnlyList<SortOrder> Sort { get; init; } = [];

    public int Offset { get; init; }

    public int Limit { get; init; } = 50;

    public bool IncludeDeleted { get; init; }
}
