namespace WorkflowKit.Storage.PostgreSql.Records;

/// <summary>How a field's values compare in SQL on PostgreSQL.</summary>
internal enum PgValueKind
{
    Text,
    Number,
    Boolean,
    Array,
    Id,

    /// <summary>The created and updated times, TIMESTAMPTZ columns.</summary>
    Time,
}
