using System.Globalization;
using WorkflowKit.Definitions.Forms;

namespace WorkflowKit.Import;

/// <summary>Resolves a mapping against a file's header: which cell index feeds which field.</summary>
internal static class ImportColumns
{
    public static (IReadOnlyList<(int Index, string Header, FieldDefinition Field)> Columns, ImportMapping Mapping,
        IReadOnlyList<string> Unmapped) Resolve(FormDefinition form, IReadOnlyList<string> headers,
            ImportMapping? mapping)
    {
        var fields = form.Fields.ToDictionary(field => field.Id, StringComparer.Ordinal);
        var effective = mapping ?? AutoMap(form, headers);
        var columns = new List<(int, string, FieldDefinition)>();
        var usedFields = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in effective.Columns)
        {
            if (!fields.TryGetValue(entry.Field, out var field))
            {
                throw new InvalidDataException(
                    $"The mapping sends {ColumnName(entry.Column)} to field '{entry.Field}', which form '{form.Key}' " +
                    $"does not have; expected one of {string.Join(", ", fields.Keys)}.");
            }

            if (field.Type is FieldTypes.Serial or FieldTypes.Formula)
            {
                throw new InvalidDataException(
                    $"Field '{field.Id}' is a {field.Type} field whose value is assigned on save; remove " +
                    $"{ColumnName(entry.Column)} from the mapping.");
            }

            if (!usedFields.Add(field.Id))
            {
                throw new InvalidDataException(
                    $"The mapping sends two columns to field '{field.Id}'; map each field from one column only.");
            }

            columns.Add((FindColumn(headers, entry), entry.Column, field));
        }

        // Blank headers are left out, because a spreadsheet often carries empty columns after the last real one.
        var mappedIndexes = new HashSet<int>(columns.Select(column => column.Item1));
        var unmapped = headers
            .Where((header, index) => !mappedIndexes.Contains(index) && !string.IsNullOrWhiteSpace(header))
            .ToList();
        return (columns, effective, unmapped);
    }

    private static ImportMapping AutoMap(FormDefinition form, IReadOnlyList<string> headers)
    {
        var entries = new List<ImportColumnMapping>();
        foreach (var header in headers.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var field = form.Fields.FirstOrDefault(candidate =>
                candidate.Type is not FieldTypes.Serial and not FieldTypes.Formula &&
                (string.Equals(candidate.Id, header, StringComparison.OrdinalIgnoreCase) ||
                 candidate.Label.Values.Values.Any(label => string.Equals(label, header,
                     StringComparison.OrdinalIgnoreCase))));
            if (field is not null && entries.All(entry => entry.Field != field.Id))
            {
                entries.Add(new ImportColumnMapping(header, field.Id));
            }
        }

        return new ImportMapping { Columns = entries };
    }

    private static int FindColumn(IReadOnlyList<string> headers, ImportColumnMapping entry)
    {
        var positions = headers
            .Select((header, index) => (header, index))
            // A mapping saved before CSV headers were unescaped may still name the escaped header, such as '=Total.
            .Where(pair => string.Equals(pair.header, entry.Column, StringComparison.OrdinalIgnoreCase) ||
                string.Equals(pair.header, SpreadsheetText.Unescape(entry.Column), StringComparison.OrdinalIgnoreCase))
            .Select(pair => pair.index)
            .ToList();
        if (positions.Count == 0)
        {
            throw new InvalidDataException(
                $"{Capitalize(ColumnName(entry.Column))} is not in the file's header; the header has: " +
                $"{HeaderList(headers)}.");
        }

        if (entry.Occurrence is { } occurrence)
        {
            return occurrence <= positions.Count
                ? positions[occurrence - 1]
                : throw new InvalidDataException(
                    $"The mapping asks for occurrence {occurrence} of {ColumnName(entry.Column)}, but the header " +
                    $"has it {positions.Count} time(s).");
        }

        if (positions.Count > 1)
        {
            var numbers = string.Join(
                " and ", positions.Select(index => (index + 1).ToString(CultureInfo.InvariantCulture)));
            throw new InvalidDataException(
                $"{Capitalize(ColumnName(entry.Column))} appears {positions.Count} times in the header (columns " +
                $"{numbers}), so it is unclear which one to import into '{entry.Field}'; rename one of them, or map " +
                "it with \"occurrence\": 1 for the first or 2 for the second.");
        }

        return positions[0];
    }

    /// <summary>
    /// Lists header texts in quotes, naming a blank header by its 1-based position, such as
    /// <c>"sku", column 2 (blank header), "price"</c>, so that an empty name does not show as <c>, ,</c>.
    /// </summary>
    private static string HeaderList(IReadOnlyList<string> headers) =>
        string.Join(", ", headers.Select((header, index) => string.IsNullOrWhiteSpace(header)
            ? $"column {(index + 1).ToString(CultureInfo.InvariantCulture)} (blank header)"
            : $"\"{header}\""));

    // A mapping entry's column: column "Name", or "the column with a blank header" for a mapping made on the
    // designer's import page from a blank header.
    private static string ColumnName(string column) =>
        string.IsNullOrWhiteSpace(column) ? "the column with a blank header" : $"column \"{column}\"";

    private static string Capitalize(string text) => char.ToUpperInvariant(text[0]) + text[1..];
}
