namespace WorkflowKit.Designer.Admin;

/// <summary>What a first read of an import file found: its header, the encoding of a CSV file and the data row count.</summary>
public sealed record ImportFileInfo(IReadOnlyList<string> Headers, string? Encoding, long Rows);
