using System.Text.Json.Nodes;

namespace WorkflowKit.Files;

/// <summary>
/// Finds file references in any JSON value by their shape, as the file sweep's link pass finds them in stored data: an
/// object with a string <c>id</c>, a string <c>name</c> and no property other than those of
/// <see cref="FileReference.PropertyNames"/>, at any depth. Scripts and older form versions can put a reference
/// where no file field is declared, so writes link what this finds besides the declared fields
/// (<see cref="FormFiles"/>). A sub-table row with only <c>id</c> and <c>name</c> columns has the shape too, so an id
/// that names no stored file counts as a file only when it has the format of upload ids (<see cref="IsUploadId"/>).
/// </summary>
public static class FileReferenceShapes
{
    /// <summary>
    /// Returns the ids of the objects shaped as file references in <paramref name="value"/>. The value itself counts
    /// only when <paramref name="includeRoot"/> is true, because form data is an object of fields while a variable may
    /// be one reference.
    /// </summary>
    public static IReadOnlySet<string> IdsIn(JsonNode? value, bool includeRoot)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        Collect(value, includeRoot, ids);
        return ids;
    }

    /// <summary>
    /// Returns the ids that <paramref name="after"/> names and <paramref name="before"/> does not: the references
    /// that a write of the value adds.
    /// </summary>
    public static IReadOnlySet<string> Added(JsonNode? before, JsonNode? after, bool includeRoot)
    {
        var added = new HashSet<string>(IdsIn(after, includeRoot), StringComparer.Ordinal);
        added.ExceptWith(IdsIn(before, includeRoot));
        return added;
    }

    /// <summary>Returns whether <paramref name="id"/> has the format of upload ids: 32 lowercase hex digits.</summary>
    public static bool IsUploadId(string id) =>
        id.Length == 32 && id.All(character => character is (>= '0' and <= '9') or (>= 'a' and <= 'f'));

    private static void Collect(JsonNode? node, bool counts, HashSet<string> ids)
    {
        switch (node)
        {
            case JsonObject item:
                if (counts && IdOf(item) is { } id)
                {
                    ids.Add(id);
                }

                foreach (var (_, child) in item)
                {
                    Collect(child, counts: true, ids);
                }

                break;
            case JsonArray items:
                foreach (var child in items)
                {
                    Collect(child, counts: true, ids);
                }

                break;
        }
    }

    private static string? IdOf(JsonObject item)
    {
        if (item["id"] is not JsonValue id || !id.TryGetValue<string>(out var text)
            || item["name"] is not JsonValue name || !name.TryGetValue<string>(out _))
        {
            return null;
        }

        return item.All(pair => FileReference.PropertyNames.Contains(pair.Key)) ? text : null;
    }
}
