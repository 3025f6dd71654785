using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace WorkflowKit.Definitions.Json;

/// <summary>
/// The one JSON serializer configuration for definitions, records and stored payloads.
/// </summary>
public static class DefinitionJson
{
    /// <summary>Options used to read and write every WorkflowKit JSON document.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions(writeIndented: true);

    /// <summary>Same as <see cref="Options"/> but without indentation, for storage columns.</summary>
    public static JsonSerializerOptions Compact { get; } = CreateOptions(writeIndented: false);

    private static JsonSerializerOptions CreateOptions(bool writeIndented)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            WriteIndented = writeIndented,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            ReadCommentHandling = JsonCommentHandling.Disallow,
            AllowTrailingCommas = false,
            NumberHandling = JsonNumberHandling.Strict,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    public static T Deserialize<T>(string json)
        where T : class
    {
        return JsonSerializer.Deserialize<T>(json, Options)
            ?? throw new JsonException($"Expected a JSON object for {typeof(T).Name}, got 'null'.");
    }

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);
}
