using System.Globalization;
using System.Text.Json;

namespace WorkflowKit.Definitions.Documents;

/// <summary>Resolves RFC 6901 pointers inside a <see cref="JsonElement"/>.</summary>
public static class JsonElementPointer
{
    public static bool TryResolve(JsonElement root, string pointer, out JsonElement value)
    {
        value = root;
        if (pointer.Length == 0)
        {
            return true;
        }

        foreach (var raw in pointer[1..].Split('/'))
        {
            var segment = raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            if (value.ValueKind == JsonValueKind.Object && value.TryGetProperty(segment, out var child))
            {
                value = child;
            }
            else if (value.ValueKind == JsonValueKind.Array &&
                     int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var index) &&
                     index < value.GetArrayLength())
            {
                value = value[index];
            }
            else
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The value as compact JSON, cut to <paramref name="maxLength"/> characters, for messages.</summary>
    public static string Quote(JsonElement value, int maxLength = 60)
    {
        var text = value.GetRawText();
        if (value.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
        {
            text = JsonSerializer.Serialize(value, Json.DefinitionJson.Compact);
        }

        return text.Length <= maxLength ? text : text[..maxLength] + "…";
    }
}
