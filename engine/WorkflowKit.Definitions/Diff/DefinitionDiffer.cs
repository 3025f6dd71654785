using System.Text.Json.Nodes;
using WorkflowKit.Definitions.Documents;

namespace WorkflowKit.Definitions.Diff;

/// <summary>
/// Compares two versions of a definition structurally: nodes and edges of flows and fields of
/// forms (sub-table columns included) are matched by id, so reordering is not a change; other
/// top-level properties are compared as wholes.
/// </summary>
public static class DefinitionDiffer
{
    private static readonly Dictionary<string, string> ElementNames = new(StringComparer.Ordinal)
    {
        ["nodes"] = "node",
        ["edges"] = "edge",
        ["fields"] = "field",
    };

    public static IReadOnlyList<DefinitionChange> Compare(string fromJson, string toJson)
    {
        var from = JsonNode.Parse(fromJson) as JsonObject
            ?? throw new ArgumentException("Expected the older version to be a JSON object.", nameof(fromJson));
        var to = JsonNode.Parse(toJson) as JsonObject
            ?? throw new ArgumentException("Expected the newer version to be a JSON object.", nameof(toJson));
        var changes = new List<DefinitionChange>();

        foreach (var name in from.Select(pair => pair.Key).Union(to.Select(pair
            => pair.Key)).Order(StringComparer.Ordinal))
        {
            var before = from[name];
            var after = to[name];
            if (ElementNames.TryGetValue(name, out var element) && (before ?? after) is JsonArray)
            {
                CompareById(element, "/" + name, string.Empty, before as JsonArray, after as JsonArray, changes);
            }
            else if (!JsonNode.DeepEquals(before, after))
            {
                var type = before is null ? DefinitionChangeType.Added
                    : after is null ? DefinitionChangeType.Removed : DefinitionChangeType.Changed;
                changes.Add(new DefinitionChange(type, "property", name, JsonPointers.Append(string.Empty, name), []));
            }
        }

        return changes;
    }

    private static void CompareById(
        string element, string pointer, string idPrefix, JsonArray? before, JsonArray? after,
            List<DefinitionChange> changes)
    {
        var old = Index(before);
        var current = Index(after);
        foreach (var (id, (index, node)) in old.Where(pair => !current.ContainsKey(pair.Key)))
        {
            changes.Add(new DefinitionChange(
                DefinitionChangeType.Removed, element, idPrefix + id, JsonPointers.Append(pointer, index), []));
        }

        foreach (var (id, (index, node)) in current)
        {
            var itemPointer = JsonPointers.Append(pointer, index);
            if (!old.TryGetValue(id, out var previous))
            {
                changes.Add(new DefinitionChange(DefinitionChangeType.Added, element, idPrefix + id, itemPointer, []));
                continue;
            }

            var changed = node.Select(pair => pair.Key).Union(previous.Node.Select(pair => pair.Key))
                .Where(property => property != "fields" && !JsonNode.DeepEquals(node[property],
                    previous.Node[property]))
                .Order(StringComparer.Ordinal)
                .ToList();
            if (changed.Count > 0)
            {
                changes.Add(new DefinitionChange(DefinitionChangeType.Changed, element, idPrefix + id, itemPointer,
                    changed));
            }

            if (element == "field" && (node["fields"] ?? previous.Node["fields"]) is JsonArray)
            {
                CompareById(
                    element, JsonPointers.Append(itemPointer, "fields"), idPrefix + id + ".",
                    previous.Node["fields"] as JsonArray, node["fields"] as JsonArray, changes);
            }
        }
    }

    private static Dictionary<string, (int Index, JsonObject Node)> Index(JsonArray? items)
    {
        var index = new Dictionary<string, (int, JsonObject)>(StringComparer.Ordinal);
        for (var i = 0; i < (items?.Count ?? 0); i++)
        {
            if (items![i] is JsonObject item && item["id"]?.GetValue<string>() is { } id)
            {
                index.TryAdd(id, (i, item));
            }
        }

        return index;
    }
}
