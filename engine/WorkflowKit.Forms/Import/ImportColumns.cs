using System.Globalization;
using WorkflowKit.Definitions.Forms;

namespace WorkflowKit.Import;

/// <summary>Resolves a mapping against a file's header: which cell index feeds which field.</summary>
internal static class ImportColumns
{
    /// <summary>
    /// Resolves <paramref name="mapping"/>, or a mapping by header text when it is null, against the header. Errors are
    /// in the language of <paramref name="culture"/>: Chinese for a zh culture, English otherwise.
    /// </summary>
    /// <exception cref="InvalidDataException">The mapping does not fit the form or the header.</exception>
    public static (IReadOnlyList<(int Index, string Header, FieldDefinition Field)> Columns, ImportMapping Mapping,
        IReadOnlyList<string> Unmapped) Resolve(FormDefinition form, IReadOnlyList<string> headers,
            ImportMapping? mapping, CultureInfo culture)
    {
        var fields = form.Fields.ToDictionary(field => field.Id, StringComparer.Ordinal);
        var effective = mapping ?? AutoMap(form, headers);
        var columns = new List<(int, string, FieldDefinition)>();
        var columnOfField = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in effective.Columns)
        {
            if (!fields.TryGetValue(entry.Field, out var field))
            {
                throw new InvalidDataException(
                    ImportMappingMessages.UnknownField(entry.Column, entry.Field, form, fields.Keys, culture));
            }

            if (field.Type == FieldTypes.Formula)
            {
                throw new InvalidDataException(ImportMappingMessages.AssignedOnSave(entry.Column, field, culture));
            }

            if (!columnOfField.TryAdd(field.Id, entry.Column))
            {
                throw new InvalidDataException(
                    ImportMappingMessages.FieldMappedTwice(columnOfField[field.Id], entry.Column, field, culture));
            }

            columns.Add((FindColumn(headers, entry, field, culture), entry.Column, field));
        }

        // Blank headers are left out, because a spreadsheet often carries empty columns after the last real one.
        var mappedIndexes = new HashSet<int>(columns.Select(column => column.Item1));
        var unmapped = headers
            .Where((header, index) => !mappedIndexes.Contains(index) && !string.IsNullOrWhiteSpace(header))
            .ToList();
        return (columns, effective, unmapped);
    }

    internal static ImportMapping AutoMap(FormDefinition form, IReadOnlyList<string> headers)
    {
        var entries = new List<ImportColumnMapping>();
        foreach (var header in headers.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var field = form.Fields.FirstOrDefault(candidate =>
                candidate.Type != FieldTypes.Formula &&
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

    private static int FindColumn(
        IReadOnlyList<string> headers, ImportColumnMapping entry, FieldDefinition field, CultureInfo culture)
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
            throw new InvalidDataException(ImportMappingMessages.ColumnNotInHeader(entry.Column, headers, culture));
        }

        if (entry.Occurrence is { } occurrence)
        {
            return occurrence <= positions.Count
                ? positions[occurrence - 1]
                : throw new InvalidDataException(
                    ImportMappingMessages.OccurrenceMissing(entry.Column, occurrence, positions.Count, culture));
        }

        if (positions.Count > 1)
        {
            throw new InvalidDataException(
                ImportMappingMessages.DuplicateHeader(entry.Column, positions, field, entry.Field, culture));
        }

        return positions[0];
    }
}
