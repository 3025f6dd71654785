using System.Globalization;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Definitions.Forms;

namespace WorkflowKit.Import;

/// <summary>
/// What every row of one preview or import shares: the form, the file name, the resolved columns, the blank header
/// cells, the converter, the name resolver, the required fields that no column feeds, the unique values seen so
/// far in the file, the key cells whose outer spaces were removed and, in an upsert, the key matcher.
/// </summary>
internal sealed record ImportRun(
    FormDefinition Form,
    string File,
    IReadOnlyList<(int Index, string Header, FieldDefinition Field)> Columns,
    IReadOnlyList<int> BlankColumns,
    ImportValueConverter Converter,
    ImportNameResolver Names,
    IReadOnlySet<string> MissingFields,
    CultureInfo Culture)
{
    public ImportFileKeys Keys { get; } = new(Form);

    public ImportTrimmedCells TrimmedCells { get; } = new();

    /// <summary>The matcher of an upsert's rows to stored records; null in insert mode.</summary>
    public ImportKeyMatch? KeyMatch { get; init; }

    /// <summary>
    /// The field access of an upsert's updates: serial number fields are read-only, because the store assigns them,
    /// and every other field is editable.
    /// </summary>
    public IReadOnlyDictionary<string, FieldPermission> UpdatePermissions { get; } = Form.Fields.ToDictionary(
        field => field.Id,
        field => new FieldPermission
        {
            Access = field.SerialPattern is null ? FieldPermission.Editable : FieldPermission.ReadOnly,
        },
        StringComparer.Ordinal);
}
