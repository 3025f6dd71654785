namespace WorkflowKit.Records;

/// <summary>A record read by a streaming query with the outcomes of the query's flag filters.</summary>
public sealed record RecordMatch(RecordEntry Record, IReadOnlyList<bool> Flags);
