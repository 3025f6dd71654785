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

    /// <summary>Reads a mapping saved by <see cref="ToJson"/>.</summary>
    /// <exception cref="JsonException">The text is not a mapping.</exception>
    public static ImportMapping FromJson(string json)
    {
        var mapping = JsonSerializer.Deserialize<ImportMapping>(json, DefinitionJson.Options)
            ?? throw new JsonException("Expected an import mapping object such as {\"columns\": [...]}, got null.");
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
}
