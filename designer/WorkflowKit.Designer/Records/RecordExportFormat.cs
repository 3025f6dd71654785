namespace WorkflowKit.Designer.Records;

/// <summary>File formats of a record export.</summary>
public enum RecordExportFormat
{
    /// <summary>UTF-8 CSV with a byte order mark, so that Excel shows Chinese text.</summary>
    Csv,

    /// <summary>An .xlsx workbook with one sheet.</summary>
    Xlsx,
}
