using System.Text.RegularExpressions;
using WorkflowKit.Definitions.Forms;

namespace WorkflowKit.Designer.Portal;

/// <summary>Names a field of a validation error by its label, as the form shows it.</summary>
internal static partial class FieldLabels
{
    /// <summary>
    /// Returns the label of the field at <paramref name="path"/> (a field id, or <c>table[row].column</c> for a
    /// sub-table cell, read as "table row N: column") in <paramref name="culture"/>, or the path itself when the form
    /// has no such field.
    /// </summary>
    public static string Of(FormDefinition? form, string path, string culture)
    {
        ArgumentNullException.ThrowIfNull(path);
        var cell = SubTableCell().Match(path);
        var fieldId = cell.Success ? cell.Groups["table"].Value : path;
        var field = form?.Fields.FirstOrDefault(candidate => candidate.Id == fieldId);
        if (field is null)
        {
            return path;
        }

        var label = LabelOf(field, culture);
        if (!cell.Success)
        {
            return label;
        }

        var column = field.Fields?.FirstOrDefault(candidate => candidate.Id == cell.Groups["column"].Value);
        var row = int.Parse(cell.Groups["row"].Value, System.Globalization.CultureInfo.InvariantCulture) + 1;
        var columnLabel = column is null ? cell.Groups["column"].Value : LabelOf(column, culture);
        return culture == "zh-CN" ? $"{label} 第 {row} 行 {columnLabel}" : $"{label} row {row} {columnLabel}";
    }

    private static string LabelOf(FieldDefinition field, string culture) =>
        field.Label.Values.Count == 0 ? field.Id : field.Label.Get(culture);

    [GeneratedRegex(@"^(?<table>[^\[\.]+)\[(?<row>\d+)\]\.(?<column>.+)$")]
    private static partial Regex SubTableCell();
}
