using WorkflowKit.Records;

namespace WorkflowKit.Import;

/// <summary>A row written by an import: its record, the file row it came from and who imported it.</summary>
public sealed record ImportedRow(string FormKey, RecordEntry Record, long Row, string UserId);
