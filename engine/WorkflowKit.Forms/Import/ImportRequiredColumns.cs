using System.Globalization;
using WorkflowKit.Definitions.Forms;

namespace WorkflowKit.Import;

/// <summary>
/// Finds the required fields that no column of a file feeds. Every row of such a file would fail the same way, so
/// the import reports each field once for the file instead of once per row. A field with a default or a default
/// expression is not missing, because each row gets the default.
/// </summary>
public static class ImportRequiredColumns
{
    /// <summary>The code of <see cref="ImportFileError"/> for a required field without a column.</summary>
    public const string MissingColumnCode = "missingColumn";

    /// <summary>
    /// Returns one error per required field that <paramref name="mapping"/> (or, when it is null, the mapping by header
    /// text) leaves without a column, in the language of <paramref name="culture"/>. Each error names the headers that
    /// would map to the field, or the column of the file that the mapping leaves out.
    /// </summary>
    /// <param name="form">The form imported into.</param>
    /// <param name="file">The file name the messages start with.</param>
    /// <param name="headers">The file's header row.</param>
    /// <param name="mapping">The column mapping; null maps each header equal to a field's key or label.</param>
    /// <param name="culture">The language of the messages: Chinese for zh cultures, English otherwise.</param>
    /// <param name="blankColumns">
    /// 0-based positions of columns with values under a blank header. The messages name them as the likely column of
    /// the field. Null or empty when unknown, such as before any row is read.
    /// </param>
    public static IReadOnlyList<ImportFileError> Find(
        FormDefinition form, string file, IReadOnlyList<string> headers, ImportMapping? mapping, CultureInfo culture,
        IReadOnlyList<int>? blankColumns = null)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(culture);
        var effective = mapping ?? ImportColumns.AutoMap(form, headers);
        var mapped = new HashSet<string>(effective.Columns.Select(column => column.Field), StringComparer.Ordinal);

        var errors = new List<ImportFileError>();
        foreach (var field in form.Fields.Where(field => IsMissing(field, mapped)))
        {
            var names = HeaderNames(field, culture);
            var present = headers.FirstOrDefault(header =>
                names.Contains(header.Trim(), StringComparer.OrdinalIgnoreCase));
            var message = ImportFileMessages.MissingRequiredColumn(field, names, present, blankColumns ?? [], culture);
            errors.Add(new ImportFileError(MissingColumnCode, field.Id, ImportMappingMessages.InFile(file, message,
                culture))
            {
                File = file,
            });
        }

        return errors;
    }

    private static bool IsMissing(FieldDefinition field, HashSet<string> mapped) =>
        field.Required && field.Type is not FieldTypes.Serial and not FieldTypes.Formula &&
        field.Default is null && field.DefaultExpression is null && !mapped.Contains(field.Id);

    /// <summary>
    /// The headers that map to <paramref name="field"/> by header text: its key, its label in the language of the
    /// message, then its other labels by language code.
    /// </summary>
    private static List<string> HeaderNames(FieldDefinition field, CultureInfo culture)
    {
        var language = ImportMessages.IsChinese(culture) ? culture.Name : "en";
        var others = field.Label.Values
            .OrderBy(pair => pair.Key, StringComparer.Ordinal)
            .Select(pair => pair.Value);
        return [.. new[] { field.Id, field.Label.Get(language) }.Concat(others)
            .Where(name => !string.IsNullOrWhiteSpace(name))
            .Distinct(StringComparer.OrdinalIgnoreCase)];
    }
}
