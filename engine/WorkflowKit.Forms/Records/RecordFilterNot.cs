namespace WorkflowKit.Records;

/// <summary>The item must not hold.</summary>
public sealed record RecordFilterNot(RecordFilter Item) : RecordFilter;
