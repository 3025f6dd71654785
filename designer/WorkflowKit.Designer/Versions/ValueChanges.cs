using System.Text.Json;
using System.Text.Json.Nodes;

namespace WorkflowKit.Designer.Versions;

/// <summary>Lists the properties that differ between two JSON values, down to single values.</summary>
public static class ValueChanges
{
    private static readonly JsonSerializerOptions Compact = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>
    /// Compares <paramref name="before"/> with <paramref name="after"/>, skipping the top-level properties in
    /// <paramref name="ignored"/>. Objects are compared property by property, and arrays of objects that all have an
    /// <c>id</c> item by item matched by id. Other arrays are compared item by item when both have the same length,
    /// and as whole values otherwise.
    /// </summary>
    public static IReadOnlyList<ValueChange> Compare(JsonNode? before, JsonNode? after, params string[] ignored)
    {
        var changes = new List<ValueChange>();
        if (before is JsonObject from && after is JsonObject to)
        {
            foreach (var name in Names(from, to).Where(name => !ignored.Contains(name, StringComparer.Ordinal)))
            {
                Add(name, from[name], to[name], changes);
            }
        }
        else
        {
            Add(string.Empty, before, after, changes);
        }

        return changes;
    }

    /// <summary>Formats a JSON value for display: strings without quotes, objects and arrays as compact JSON.</summary>
    public static string? Format(JsonNode? value) => value switch
    {
        null => null,
        JsonValue text when text.TryGetValue<string>(out var s) => s,
        _ => value.ToJsonString(Compact),
    };

    private static void Add(string path, JsonNode? before, JsonNode? after, List<ValueChange> changes)
    {
        if (JsonNode.DeepEquals(before, after))
        {
            return;
        }

        if (before is JsonObject from && after is JsonObject to)
        {
            foreach (var name in Names(from, to))
            {
                Add(Join(path, name), from[name], to[name], changes);
            }
        }
        else if (before is JsonArray left && after is JsonArray right && ItemIds(left) is { } leftIds
                 && ItemIds(right) is { } rightIds)
        {
            foreach (var id in leftIds.Keys.Union(rightIds.Keys))
            {
                Add($"{path}[{id}]", leftIds.GetValueOrDefault(id), rightIds.GetValueOrDefault(id), changes);
            }
        }
        else if (before is JsonArray shorter && after is JsonArray longer && shorter.Count == longer.Count
                 && shorter.Any(item => item is JsonObject))
        {
            for (var i = 0; i < shorter.Count; i++)
            {
                Add($"{path}[{i}]", shorter[i], longer[i], changes);
            }
        }
        else
        {
            changes.Add(new ValueChange(path, Format(before), Format(after)));
        }
    }

    private static IEnumerable<string> Names(JsonObject from, JsonObject to) =>
        from.Select(pair => pair.Key).Union(to.Select(pair => pair.Key));

    private static string Join(string path, string name) => path.Length == 0 ? name : path + "." + name;

    // Items keyed by their "id", in order; null unless every item is an object with a distinct string id.
    private static Dictionary<string, JsonNode>? ItemIds(JsonArray items)
    {
        var ids = new Dictionary<string, JsonNode>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            if (item is not JsonObject entry || entry["id"] is not JsonValue id || !id.TryGetValue<string>(out var key)
                || !ids.TryAdd(key, entry))
            {
                return null;
            }
        }

        return ids.Count == 0 ? null : ids;
    }
}
