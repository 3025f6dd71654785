namespace WorkflowKit.Records;

/// <summary>Every item must hold.</summary>
public sealed record RecordFilterAnd(IReadOnlyList<RecordFilter> Items) : RecordFilter;
