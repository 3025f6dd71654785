namespace WorkflowKit.Import;

/// <summary>What an import does with a row whose key matches a stored record.</summary>
public enum ImportMode
{
    /// <summary>Every row creates a record, so a row whose unique value a record already has is rejected.</summary>
    Insert,

    /// <summary>
    /// A row whose unique field values match a stored record updates that record, with only the file's columns; any
    /// other row creates a record.
    /// </summary>
    Upsert,
}
