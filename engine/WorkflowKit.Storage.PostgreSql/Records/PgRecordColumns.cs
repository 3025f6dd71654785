using WorkflowKit.Records;

namespace WorkflowKit.Storage.PostgreSql.Records;

/// <summary>
/// The SQL expression of a record field, shared by queries and by the expression indexes that
/// registering a form creates, so that the planner matches them. Values of the wrong JSON type
/// read as NULL instead of failing the cast.
/// </summary>
internal static class PgRecordColumns
{
    /// <summary>A field's value typed by its kind: NUMERIC, BOOLEAN or byte-ordered text.</summary>
    /// <param name="data">The JSONB column, such as <c>r.data</c> in queries or <c>data</c> in an index.</param>
    /// <param name="field">A field id of the form.</param>
    /// <param name="kind">How the field's values compare.</param>
    public static string Typed(string data, string field, PgValueKind kind)
    {
        var name = PgRecordForm.Literal(field);
        return kind switch
        {
            PgValueKind.Number =>
                $"(CASE WHEN jsonb_typeof({data} -> {name}) = 'number' THEN ({data} ->> {name})::numeric END)",
            PgValueKind.Boolean =>
                $"(CASE WHEN jsonb_typeof({data} -> {name}) = 'boolean' THEN ({data} ->> {name})::boolean END)",
            _ => $"(({data} ->> {name}) COLLATE \"C\")",
        };
    }

    /// <summary>A field's value as text, for contains, starts-with, empty and search.</summary>
    public static string Text(string field) => field switch
    {
        RecordSystemFields.Id => "(r.id::text)",
        RecordSystemFields.SerialNumber => "r.serial_number",
        RecordSystemFields.CreatedBy => "r.created_by",
        RecordSystemFields.CreatedAt => "(r.created_at::text)",
        RecordSystemFields.UpdatedAt => "(r.updated_at::text)",
        RecordSystemFields.InstanceId => "r.instance_id",
        _ => $"(r.data ->> {PgRecordForm.Literal(field)})",
    };

    /// <summary>A field's value as typed SQL for comparisons and sorting.</summary>
    public static string Column(string field, PgValueKind kind) => field switch
    {
        RecordSystemFields.Id => "r.id",
        RecordSystemFields.SerialNumber => "(r.serial_number COLLATE \"C\")",
        RecordSystemFields.CreatedBy => "(r.created_by COLLATE \"C\")",
        RecordSystemFields.CreatedAt => "r.created_at",
        RecordSystemFields.UpdatedAt => "r.updated_at",
        RecordSystemFields.InstanceId => "(r.instance_id COLLATE \"C\")",
        _ => Typed("r.data", field, kind),
    };

    /// <summary>The array of a multi-value field, or an empty array when the field holds something else.</summary>
    public static string Array(string field)
    {
        var name = PgRecordForm.Literal(field);
        return $"(CASE WHEN jsonb_typeof(r.data -> {name}) = 'array' THEN r.data -> {name} ELSE '[]'::jsonb END)";
    }
}
