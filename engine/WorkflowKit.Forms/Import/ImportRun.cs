using System.Globalization;
using WorkflowKit.Definitions.Forms;

namespace WorkflowKit.Import;

/// <summary>
/// What every row of one preview or import shares: the form, the file name, the resolved columns, the blank header
/// cells, the converter, the name resolver, the required fields that no column feeds, the unique values seen so
/// far in the file and the key cells whose outer spaces were removed.
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
}
