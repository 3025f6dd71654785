using WorkflowKit.Definitions.Forms;
using WorkflowKit.Records;

namespace WorkflowKit.Storage.PostgreSql.Records;

/// <summary>
/// What the PostgreSQL record store needs to know of a registered form: field kinds, indexes, serials.
/// </summary>
internal sealed class PgRecordForm
{
    private readonly Dictionary<string, FieldDefinition> _fields;

    public PgRecordForm(FormDefinition form)
    {
        Form = form;
        _fields = form.Fields.ToDictionary(field => field.Id, StringComparer.Ordinal);

        var indexed = new HashSet<string>(form.IndexedFields ?? [], StringComparer.Ordinal);
        indexed.UnionWith(form.Fields.Where(field => field.Unique || field.Type == FieldTypes.Serial)
            .Select(field => field.Id));
        if (form.TitleField is { } title)
        {
            indexed.Add(title);
        }

        foreach (var id in indexed)
        {
            if (!_fields.ContainsKey(id))
            {
                throw new ArgumentException(
                    $"Form '{form.Key}' lists '{id}' as an indexed or title field, but it has no field with that id.",
                    nameof(form));
            }
        }

        IndexedFields = [.. indexed.Where(id => KindOf(id) != PgValueKind.Array).Order(StringComparer.Ordinal)];
        SerialFields = [.. form.Fields
            .Where(field => field.Type == FieldTypes.Serial)
            .Select(field => (field.Id, SerialNumberPattern.Parse(field.SerialPattern ??
                throw new ArgumentException(
                    $"Serial field '{field.Id}' of form '{form.Key}' has no serialPattern such as " +
                    "\"SO-{yyyyMMdd}-{seq:4}\".", nameof(form)))))];
    }

    public FormDefinition Form { get; }

    public string Key => Form.Key;

    /// <summary>Scalar fields kept in the index table.</summary>
    public IReadOnlyList<string> IndexedFields { get; }

    public IReadOnlyList<(string FieldId, SerialNumberPattern Pattern)> SerialFields { get; }

    public bool IsIndexed(string field) => IndexedFields.Contains(field, StringComparer.Ordinal);

    /// <summary>
    /// The sub-table and column that a path such as <c>lines.sku</c> names, or null when the path
    /// is not a column of a sub-table field.
    /// </summary>
    public (FieldDefinition Table, FieldDefinition Column)? SubTableColumn(string path)
    {
        var dot = path.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || !_fields.TryGetValue(path[..dot], out var table) || table.Type != FieldTypes.SubTable)
        {
            return null;
        }

        var columnId = path[(dot + 1)..];
        var column = table.Fields?.FirstOrDefault(candidate => candidate.Id == columnId);
        return column is null ? null : (table, column);
    }

    public FieldDefinition RequireField(string field) =>
        _fields.TryGetValue(field, out var definition)
            ? definition
            : throw new ArgumentException(
                $"'{field}' is not a field of form '{Form.Key}'; expected one of " +
                $"{string.Join(", ", _fields.Keys)} or {string.Join(", ", RecordSystemFields.All)}.",
                nameof(field));

    public PgValueKind KindOf(string field)
    {
        if (field == RecordSystemFields.Id)
        {
            return PgValueKind.Id;
        }

        if (field is RecordSystemFields.CreatedAt or RecordSystemFields.UpdatedAt)
        {
            return PgValueKind.Time;
        }

        if (RecordSystemFields.All.Contains(field))
        {
            return PgValueKind.Text;
        }

        var definition = RequireField(field);
        return definition.Type switch
        {
            FieldTypes.Number or FieldTypes.Money or FieldTypes.Formula or FieldTypes.Related
                when !definition.Multiple =>
                PgValueKind.Number,
            FieldTypes.Boolean => PgValueKind.Boolean,
            FieldTypes.MultiSelect or FieldTypes.SubTable => PgValueKind.Array,
            _ when definition.Multiple => PgValueKind.Array,
            _ => PgValueKind.Text,
        };
    }

    /// <summary>
    /// The field id as a SQL string literal. Field ids are inlined rather than bound so that the
    /// expressions match the expression indexes; only letters, digits, '_' and '-' are accepted.
    /// </summary>
    public static string Literal(string field)
    {
        if (field.Length == 0 || !field.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
        {
            throw new ArgumentException(
                $"Field id '{field}' can only be queried when it has letters, digits, '_' and '-' only.",
                nameof(field));
        }

        return "'" + field + "'";
    }
}
