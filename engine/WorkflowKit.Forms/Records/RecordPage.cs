namespace WorkflowKit.Records;

/// <summary>One page of records and the total number of matches.</summary>
public sealed record RecordPage(IReadOnlyList<RecordEntry> Items, long Total);
