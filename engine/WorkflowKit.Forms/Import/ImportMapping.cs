using System.Text.Json;
using WorkflowKit.Definitions.Json;

namespace WorkflowKit.Import;

/// <summary>
/// Which file columns go into which form fields, saved as JSON for the next import of the same
/// kind of file. Columns not listed are ignored.
/// </summary>
public sealed record ImportMapping
{
    public IReadOnlyList<ImportColumnMapping> Columns { get; init; } = [];

    private const string Example = "{\"columns\": [{\"column\": \"Customer code\", \"field\": \"code\"}]}";

    /// <summary>Reads a mapping saved by <see cref="ToJson"/>.</summary>
    /// <exception cref="JsonException">
    /// The text is not valid JSON or not a mapping. The message gives the line, column and JSON path of the problem,
    /// which <see cref="JsonException.LineNumber"/>, <see cref="JsonException.BytePositionInLine"/> and
    /// <see cref="JsonException.Path"/> also carry, counted from 0 as System.Text.Json does.
    /// </exception>
    public static ImportMapping FromJson(string json)
    {
        ImportMapping? parsed;
        try
        {
            parsed = JsonSerializer.Deserialize<ImportMapping>(json, DefinitionJson.Options);
        }
        catch (JsonException exception)
        {
            throw Invalid(exception);
        }

        var mapping = parsed
            ?? throw new JsonException($"Expected an import mapping object such as {Example}, got null.");
        foreach (var column in mapping.Columns)
        {
            if (string.IsNullOrWhiteSpace(column.Column) || string.IsNullOrWhiteSpace(column.Field)
                || column.Occurrence is < 1)
            {
                throw new JsonException(
                    "Each mapping entry needs a non-empty \"column\" and \"field\", and an \"occurrence\" of 1 or " +
                    $"more if any, got column '{column.Column}', field '{column.Field}', " +
                    $"occurrence {column.Occurrence}.");
            }
        }

        return mapping;
    }

    public string ToJson() => JsonSerializer.Serialize(this, DefinitionJson.Options);

    /// <summary>
    /// Rewords a System.Text.Json error with a 1-based line and column and the fix, dropping the reader's own
    /// "Path: ... | LineNumber: ..." suffix.
    /// </summary>
    private static JsonException Invalid(JsonException exception)
    {
        var line = (exception.LineNumber ?? 0) + 1;
        var column = (exception.BytePositionInLine ?? 0) + 1;
        var path = string.IsNullOrEmpty(exception.Path) ? "$" : exception.Path;
        var detail = exception.Message.Split(" Path:", 2)[0].Split(" LineNumber:", 2)[0].TrimEnd('.', ' ', '|');
        return new JsonException(
            $"The import mapping is not valid JSON or not a mapping at line {line}, column {column} (JSON path " +
            $"{path}): {detail}. Correct the text there; a mapping looks like {Example}.",
            exception.Path, exception.LineNumber, exception.BytePositionInLine, exception);
    }
}
