using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsvHelper;
using MiniExcelLibs;
using WorkflowKit.Definitions.Conditions;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Forms;
using WorkflowKit.Organization;
using WorkflowKit.Permissions;

namespace WorkflowKit.Import;

/// <summary>
/// Writes the records a user may export to CSV or Excel. Rows come from
/// <see cref="RecordReader.ExportAsync"/>, the permission-filtered read path, so rows the user
/// may not see are absent and hidden fields are neither columns nor values. Rows are streamed
/// from the database to the file. Select options are written as their labels, and users and
/// departments as their names, wherever an import of the file reads them back as the same value
/// (<see cref="ExportValueText"/>); otherwise as the stored code or id.
/// </summary>
public sealed class RecordExporter
{
    private readonly RecordReader _reader;
    private readonly IOrganizationDirectory? _directory;

    /// <param name="reader">The permission-filtered read path.</param>
    /// <param name="directory">Users and departments, for their names; without it, member and department cells
    /// hold ids.</param>
    public RecordExporter(RecordReader reader, IOrganizationDirectory? directory = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        _reader = reader;
        _directory = directory;
    }

    /// <summary>
    /// Writes a UTF-8 CSV (with a byte order mark, so that Excel opens Chinese text correctly); returns the row count.
    /// Numbers and money are plain numbers, and text that a spreadsheet would run as a formula gets a leading
    /// apostrophe (<see cref="SpreadsheetText.Escape"/>), headers included.
    /// </summary>
    public async Task<long> ExportCsvAsync(
        string userId, string formKey, Stream output, CultureInfo culture, Condition? filter,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(culture);
        var fields = await _reader.GetExportFieldsAsync(userId, formKey, cancellationToken).ConfigureAwait(false);
        await using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true),
            leaveOpen: true);
        await using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture);
        foreach (var field in fields)
        {
            csv.WriteField(SpreadsheetText.Escape(field.Label.Get(culture.Name)));
        }

        await csv.NextRecordAsync().ConfigureAwait(false);
        var readable = new ExportValueText(_directory, culture);
        var count = 0L;
        await foreach (var record in _reader.ExportAsync(userId, formKey, filter, null, cancellationToken)
            .ConfigureAwait(false))
        {
            foreach (var field in fields)
            {
                var value = await readable.ReadableAsync(field, record.Data[field.Id], cancellationToken)
                    .ConfigureAwait(false);
                csv.WriteField(CsvCell(field, value));
            }

            await csv.NextRecordAsync().ConfigureAwait(false);
            count++;
        }

        await csv.FlushAsync().ConfigureAwait(false);
        return count;
    }

    /// <summary>
    /// Writes an .xlsx workbook with one sheet; numbers and money are numeric cells. Returns the row count.
    /// </summary>
    public async Task<long> ExportExcelAsync(
        string userId, string formKey, Stream output, CultureInfo culture, Condition? filter,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(culture);
        var fields = await _reader.GetExportFieldsAsync(userId, formKey, cancellationToken).ConfigureAwait(false);
        var headers = UniqueHeaders(fields, culture);
        var count = 0L;

        // MiniExcel consumes a synchronous sequence, so the permission-filtered async stream is bridged
        // on a pool thread. Rows still flow one at a time from the database into the sheet.
        var rows = ExcelRowsAsync(userId, formKey, filter, fields, headers, culture, cancellationToken)
            .ToBlockingEnumerable(cancellationToken)
            .Select(row =>
            {
                count++;
                return row;
            });
        if (fields.Count == 0)
        {
            rows = [];
        }

        await Task.Run(() => MiniExcel.SaveAs(output, rows, excelType: ExcelType.XLSX), cancellationToken)
            .ConfigureAwait(false);
        return count;
    }

    private async IAsyncEnumerable<IDictionary<string, object?>> ExcelRowsAsync(
        string userId, string formKey, Condition? filter, IReadOnlyList<FieldDefinition> fields,
        List<string> headers, CultureInfo culture,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var readable = new ExportValueText(_directory, culture);
        await foreach (var record in _reader.ExportAsync(userId, formKey, filter, null, cancellationToken)
            .ConfigureAwait(false))
        {
            var row = new Dictionary<string, object?>(StringComparer.Ordinal);
            for (var i = 0; i < fields.Count; i++)
            {
                var value = await readable.ReadableAsync(fields[i], record.Data[fields[i].Id], cancellationToken)
                    .ConfigureAwait(false);
                row[headers[i]] = Cell(fields[i], value);
            }

            yield return row;
        }
    }

    private static List<string> UniqueHeaders(IReadOnlyList<FieldDefinition> fields, CultureInfo culture)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return [.. fields.Select(field =>
        {
            var label = field.Label.Get(culture.Name);
            return seen.Add(label) ? label : label + " (" + field.Id + ")";
        })];
    }

    private static object? Cell(FieldDefinition field, JsonNode? value)
    {
        if (field.Type is FieldTypes.Number or FieldTypes.Money && FieldValues.TryGetDecimal(value, out var number))
        {
            return number;
        }

        return value is JsonValue json && json.GetValueKind() is JsonValueKind.True or JsonValueKind.False
            ? json.GetValue<bool>()
            : Text(value);
    }

    private static string CsvCell(FieldDefinition field, JsonNode? value) =>
        field.Type is FieldTypes.Number or FieldTypes.Money && FieldValues.TryGetDecimal(value, out _)
            ? Text(value)
            : SpreadsheetText.Escape(Text(value));

    private static string Text(JsonNode? value) => value switch
    {
        null => string.Empty,
        JsonArray items when items.All(item => item is JsonValue) => string.Join(", ", items.Select(Text)),
        JsonValue json when FieldValues.TryGetString(json, out var text) => text,
        _ => value.ToJsonString(),
    };
}
