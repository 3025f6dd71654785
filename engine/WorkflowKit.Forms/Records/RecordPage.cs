namespace WorkflowKit.Records;

/// <summary>One page of records and the total number of matches.</summary>
public sealed record RecordPage(IReadOnlyList<RecordEntry> Items, long Total)
{
    /// <summary>
    /// For each item, the outcome of each of <see cref="RecordQuery.Flags"/>; empty when none were asked.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<bool>> Flags { get; init; } = [];
}
