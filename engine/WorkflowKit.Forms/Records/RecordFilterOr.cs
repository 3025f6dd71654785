namespace WorkflowKit.Records;

/// <summary>At least one item must hold.</summary>
public sealed record RecordFilterOr(IReadOnlyList<RecordFilter> Items) : RecordFilter;
