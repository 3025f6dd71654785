namespace WorkflowKit.Storage.Sqlite.Records;

/// <summary>How a field's values compare in SQL.</summary>
internal enum ValueKind
{
    Text,
    Number,
    Boolean,
    Array,
    Id,
}
