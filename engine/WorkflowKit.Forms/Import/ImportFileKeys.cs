using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Forms;

namespace WorkflowKit.Import;

/// <summary>
/// The values of a form's unique fields seen so far in one file, each with the first row that has it. A preview and
/// an import both check each row here before the record store, so that both reject the same later rows, and the
/// message names the earlier row of the file instead of "another record".
/// </summary>
/// <remarks>
/// NOTE: one entry per distinct value of each unique field is kept until the file ends, so memory grows with the
/// number of rows, unlike the rest of the streamed import.
/// </remarks>
internal sealed class ImportFileKeys(FormDefinition form)
{
    private readonly List<FieldDefinition> _fields = [.. form.Fields.Where(field => field.Unique)];
    private readonly Dictionary<(string Field, string Value), long> _firstRows = [];

    /// <summary>
    /// Records the unique values of <paramref name="row"/> and returns each one that an earlier row of the file has,
    /// with that row. Fields in <paramref name="failed"/> were not read and are skipped.
    /// </summary>
    public List<(FieldDefinition Field, JsonNode Value, long FirstRow)> Add(
        long row, JsonObject data, IReadOnlySet<string> failed)
    {
        var repeated = new List<(FieldDefinition, JsonNode, long)>();
        foreach (var field in _fields)
        {
            if (failed.Contains(field.Id) || data[field.Id] is not JsonValue value || FieldValues.IsEmpty(value))
            {
                continue;
            }

            var key = (field.Id, Normalize(value));
            if (_firstRows.TryGetValue(key, out var firstRow))
            {
                repeated.Add((field, value, firstRow));
            }
            else
            {
                _firstRows[key] = row;
            }
        }

        return repeated;
    }

    // Numbers compare by value, so 1200 and 1200.00 in a number column are one value.
    private static string Normalize(JsonValue value) =>
        value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<decimal>(out var number)
            ? "n:" + number.ToString("0.############################", CultureInfo.InvariantCulture)
            : value.ToJsonString();
}
