using System.Text.Json.Nodes;

namespace WorkflowKit.Designer.Files;

/// <summary>Finds file references in form data, top-level fields and sub-table rows alike.</summary>
internal static class FileIds
{
    /// <summary>
    /// Returns the ids of every object in <paramref name="data"/> that has the shape of a file reference: a string
    /// <c>id</c> and <c>name</c>. A sub-table row with such columns is returned too, which is harmless because
    /// callers only use ids that name stored files.
    /// </summary>
    public static IReadOnlySet<string> In(JsonNode? data)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        Collect(data, ids);
        return ids;
    }

    private static void Collect(JsonNode? node, HashSet<string> ids)
    {
        switch (node)
        {
            case JsonObject item:
                if (WorkflowKit.Files.FileReference.FromJson(item) is { } reference)
                {
                    ids.Add(reference.Id);
                }

                foreach (var (_, value) in item)
                {
                    Collect(value, ids);
                }

                break;
            case JsonArray items:
                foreach (var value in items)
                {
                    Collect(value, ids);
                }

                break;
        }
    }
}
