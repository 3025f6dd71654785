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
    /// <param name="json">The mapping's JSON text.</param>
    /// <param name="source">The file name or other source that error messages name.</param>
    /// <exception cref="JsonException">
    /// The text is not valid JSON or not a mapping. The message gives the line, column and JSON path of the problem,
    /// which <see cref="JsonException.LineNumber"/>, <see cref="JsonException.BytePositionInLine"/> and
    /// <see cref="JsonException.Path"/> also carry, counted from 0 as System.Text.Json does.
    /// </exception>
    public static ImportMapping FromJson(string json, string source = "the import mapping")
    {
        ImportMapping? parsed;
        try
        {
            parsed = JsonSerializer.Deserialize<ImportMapping>(json, DefinitionJson.Options);
        }
        catch (JsonException exception)
        {
            var description = JsonErrorDescriber.Describe(exception, source, json);
            throw new JsonException(
                $"{description.Message} A mapping looks like {Example}.",
                exception.Path, exception.LineNumber, exception.BytePositionInLine, exception);
        }

        var subject = source.StartsWith("the ", StringComparison.Ordinal) ? "T" + source[1..] : source;
        var mapping = parsed
            ?? throw new JsonException($"{subject} is null. Write a mapping object such as {Example}.");
        for (var index = 0; index < mapping.Columns.Count; index++)
        {
            var column = mapping.Columns[index];
            if (string.IsNullOrWhiteSpace(column.Column) || string.IsNullOrWhiteSpace(column.Field)
                || column.Occurrence is < 1)
            {
                throw new JsonException(
                    $"{subject} has an invalid entry at JSON path $.columns[{index}]: each mapping entry needs a " +
                    "non-empty \"column\" and \"field\", and an \"occurrence\" of 1 or more if any, got column " +
                    $"'{column.Column}', field '{column.Field}', occurrence {column.Occurrence}.",
                    $"$.columns[{index}]", null, null);
            }
        }

        return mapping;
    }

    public string ToJson() => JsonSerializer.Serialize(this, DefinitionJson.Options);
}
