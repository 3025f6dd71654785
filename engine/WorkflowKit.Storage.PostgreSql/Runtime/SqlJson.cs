using System.Text.Json.Nodes;
using WorkflowKit.Definitions;
using WorkflowKit.Definitions.Json;

namespace WorkflowKit.Storage.PostgreSql.Runtime;

/// <summary>JSON columns: compact text in, nodes out.</summary>
internal static class SqlJson
{
    public static string Write(JsonNode? node) => node?.ToJsonString() ?? "null";

    public static string? WriteOptional(JsonNode? node) => node?.ToJsonString();

    public static JsonObject Object(string? text) =>
        text is null ? [] : JsonNode.Parse(text) as JsonObject ?? [];

    public static JsonObject? OptionalObject(string? text) => text is null ? null : JsonNode.Parse(text) as JsonObject;

    public static List<string> Strings(string text) =>
        [.. (JsonNode.Parse(text) as JsonArray ?? []).Select(node => node!.GetValue<string>())];

    public static string WriteStrings(IEnumerable<string> values) =>
        new JsonArray([.. values.Select(value => (JsonNode)value)]).ToJsonString();

    public static string? WriteText(LocalizedText? text) =>
        text is null ? null : System.Text.Json.JsonSerializer.Serialize(text, DefinitionJson.Compact);

    public static LocalizedText? ReadText(string? text) =>
        text is null ? null : System.Text.Json.JsonSerializer.Deserialize<LocalizedText>(text, DefinitionJson.Compact);
}
