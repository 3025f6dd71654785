namespace WorkflowKit.Records;

/// <summary>A filter that admits every record (true) or none (false).</summary>
public sealed record RecordFilterConstant(bool Value) : RecordFilter;
