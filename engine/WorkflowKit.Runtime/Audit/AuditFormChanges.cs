using System.Text.Json.Nodes;

namespace WorkflowKit.Runtime.Audit;

/// <summary>
/// The form fields that each audit line changed. A person's line (start, task action) stores a snapshot of the whole
/// form. An automatic step's <c>node.completed</c> or <c>incident.raised</c> line stores only what the step changed,
/// under <see cref="DetailsKey"/> in its details, and only when it changed something.
/// </summary>
public static class AuditFormChanges
{
    /// <summary>
    /// The key under <see cref="AuditEntry.Details"/> of an automatic step's line that contains the fields the step
    /// changed, as <c>{"field": {"old": ..., "new": ...}}</c>.
    /// </summary>
    public const string DetailsKey = "changes";

    /// <summary>
    /// Returns the top-level fields whose values differ, as <c>{"field": {"old": ..., "new": ...}}</c>. A missing
    /// field, a JSON null, an empty string and an empty array are all an empty field, so a change from one of them
    /// to another is not reported (the audit trail would show it as "(empty) → (empty)").
    /// </summary>
    public static JsonObject Diff(JsonObject before, JsonObject after)
    {
        var changes = new JsonObject();
        foreach (var field in before.Select(pair => pair.Key).Union(after.Select(pair => pair.Key), StringComparer.Ordinal))
        {
            var old = before[field];
            var current = after[field];
            if (!JsonNode.DeepEquals(old, current) && !(IsEmpty(old) && IsEmpty(current)))
            {
                changes[field] = new JsonObject { ["old"] = old?.DeepClone(), ["new"] = current?.DeepClone() };
            }
        }

        return changes;
    }

    /// <summary>
    /// Returns, by audit line id, the fields that each line changed. An automatic step's line reports the changes it
    /// stored. A person's line reports the difference between its snapshot and the form as the lines before it left
    /// it, so changes made by automatic steps in between are not credited to that person. The start line, lines
    /// without form data and lines that changed nothing are absent.
    /// </summary>
    /// <param name="history">The instance's audit lines, oldest first.</param>
    public static IReadOnlyDictionary<long, JsonObject> ByLine(IEnumerable<AuditEntry> history)
    {
        var result = new Dictionary<long, JsonObject>();
        JsonObject? form = null;
        foreach (var entry in history)
        {
            if (entry.Details?[DetailsKey] is JsonObject stored)
            {
                result[entry.Id] = (JsonObject)stored.DeepClone();
                if (form is not null)
                {
                    Apply(form, stored);
                }
            }
            else if (entry.FormSnapshot is { } snapshot)
            {
                if (form is not null && Diff(form, snapshot) is { Count: > 0 } changes)
                {
                    result[entry.Id] = changes;
                }

                form = (JsonObject)snapshot.DeepClone();
            }
        }

        return result;
    }

    private static bool IsEmpty(JsonNode? value) => value switch
    {
        null => true,
        JsonArray array => array.Count == 0,
        JsonValue text when text.GetValueKind() == System.Text.Json.JsonValueKind.String => text.GetValue<string>().Length == 0,
        _ => false,
    };

    private static void Apply(JsonObject form, JsonObject changes)
    {
        foreach (var (field, change) in changes)
        {
            form[field] = change?["new"]?.DeepClone();
        }
    }
}
