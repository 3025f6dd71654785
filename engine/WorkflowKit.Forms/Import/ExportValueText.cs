using System.Globalization;
using System.Text.Json.Nodes;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Forms;
using WorkflowKit.Organization;

namespace WorkflowKit.Import;

/// <summary>
/// Turns the codes and ids that select, member and department fields store into the labels and names that pages show,
/// for one export, but only where an import of the file gives the same value back. A select option becomes its label in the
/// export's language when no earlier option of the field would claim that label on import (by value or by a label in
/// any language). A user or department becomes its name when exactly that one has the name and the name is no other
/// user's or department's id, because an import reads an id before a name. Everything else keeps its code or id.
/// Names and labels of multiple-value fields also keep the code when they contain a list separator that the import
/// splits on. Look-ups are cached per value for the export.
/// </summary>
internal sealed class ExportValueText(IOrganizationDirectory? directory, CultureInfo culture)
{
    private readonly Dictionary<(bool Department, string Id), string> _names = [];

    /// <summary>Returns the cell value of <paramref name="field"/>: <paramref name="value"/> with readable items.</summary>
    public async ValueTask<JsonNode?> ReadableAsync(
        FieldDefinition field, JsonNode? value, CancellationToken cancellationToken)
    {
        if (value is null || field.Type is not (FieldTypes.SingleSelect or FieldTypes.MultiSelect or
            FieldTypes.Member or FieldTypes.Department))
        {
            return value;
        }

        var multiple = value is JsonArray;
        var items = value is JsonArray array ? [.. array] : new List<JsonNode?> { value };
        var readable = new JsonArray();
        foreach (var item in items)
        {
            if (!FieldValues.TryGetString(item, out var code))
            {
                readable.Add(item?.DeepClone());
                continue;
            }

            var text = field.Type is FieldTypes.SingleSelect or FieldTypes.MultiSelect
                ? OptionLabel(field, code, multiple)
                : await NameAsync(field.Type == FieldTypes.Department, code, multiple, cancellationToken)
                    .ConfigureAwait(false);
            readable.Add(text);
        }

        return multiple ? readable : readable[0]!.DeepClone();
    }

    private string OptionLabel(FieldDefinition field, string code, bool multiple)
    {
        var options = field.Options ?? [];
        var option = options.FirstOrDefault(candidate => candidate.Value == code);
        var label = option?.Label.Get(culture.Name);
        if (option is null || string.IsNullOrWhiteSpace(label) || label != label.Trim() || multiple && HasSeparator(label))
        {
            return code;
        }

        // The import takes the first option whose value or label (any language, any case) equals the cell.
        var claimed = options.First(candidate => candidate.Value == label ||
            candidate.Label.Values.Values.Contains(label, StringComparer.OrdinalIgnoreCase));
        return ReferenceEquals(claimed, option) ? label : code;
    }

    private async ValueTask<string> NameAsync(bool department, string id, bool multiple, CancellationToken token)
    {
        if (directory is null || id.Length == 0)
        {
            return id;
        }

        if (_names.TryGetValue((department, id), out var cached))
        {
            return cached;
        }

        var name = department
            ? (await directory.FindDepartmentAsync(id, token).ConfigureAwait(false))?.Name
            : (await directory.FindUserAsync(id, token).ConfigureAwait(false))?.DisplayName;
        var readable = id;
        if (!string.IsNullOrWhiteSpace(name) && name == name.Trim() && !(multiple && HasSeparator(name)))
        {
            var holders = department
                ? (await directory.FindDepartmentsByNameAsync(name, token).ConfigureAwait(false)).Select(d => d.Id)
                : (await directory.FindUsersByNameAsync(name, token).ConfigureAwait(false)).Select(u => u.Id);
            var nameIsAnId = department
                ? await directory.FindDepartmentAsync(name, token).ConfigureAwait(false) is not null
                : await directory.FindUserAsync(name, token).ConfigureAwait(false) is not null;
            if (holders.SequenceEqual([id]) && !nameIsAnId)
            {
                readable = name;
            }
        }

        _names[(department, id)] = readable;
        return readable;
    }

    private static bool HasSeparator(string text) => text.IndexOfAny(ImportValueConverter.ListSeparators) >= 0;
}
