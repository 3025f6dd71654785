using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using WorkflowKit.Definitions.Json;
using WorkflowKit.Designer.Localization;

namespace WorkflowKit.Designer.Flows;

/// <summary>
/// Reads the JSON that a person types or uploads on the flow designer, and words its errors through
/// <see cref="JsonErrorDescriber"/> in the page's language.
/// </summary>
/// <param name="text">The page's UI text; its culture decides the language.</param>
internal sealed class FlowJsonInput(UiText text)
{
    private UiText T { get; } = text;

    /// <summary>Parses the sample data of a test run, which must be a JSON object of field id to value.</summary>
    /// <returns>The object, or null with <paramref name="error"/> set to the message to show.</returns>
    public JsonObject? ParseSampleData(string json, out string? error)
    {
        JsonNode? parsed;
        try
        {
            var options = new JsonDocumentOptions { AllowDuplicateProperties = false };
            parsed = JsonNode.Parse(json, documentOptions: options);
        }
        catch (JsonException exception)
        {
            error = Describe(exception, T["the sample data"], json);
            return null;
        }

        error = parsed is JsonObject ? null : T["The sample data must be a JSON object such as {\"total\": 600000}."];
        return parsed as JsonObject;
    }

    /// <summary>Words an error from reading an uploaded file named <paramref name="fileName"/>.</summary>
    public string Describe(JsonException error, string fileName, string json) =>
        JsonErrorDescriber.Describe(error, fileName, json, CultureInfo.GetCultureInfo(T.Culture)).Message;
}
