using System.Text.Json.Nodes;
using EngineAuditEntry = WorkflowKit.Runtime.Audit.AuditEntry;

namespace WorkflowKit.Designer.Services.Engine;

/// <summary>
/// The form fields that each audit line changed, worked out from the form snapshots that the engine stores with the
/// start and with every task action. The engine writes no per-line change list for instances, so the designer
/// compares each snapshot with the one before it.
/// </summary>
internal static class AuditChanges
{
    /// <summary>
    /// Returns, by audit line id, the changed fields as <c>{"field": {"old": ..., "new": ...}}</c>. Lines without a
    /// snapshot, the start line and lines that changed nothing are absent.
    /// </summary>
    /// <param name="history">The instance's audit lines, oldest first.</param>
    public static IReadOnlyDictionary<long, JsonObject> Between(IEnumerable<EngineAuditEntry> history)
    {
        var result = new Dictionary<long, JsonObject>();
        JsonObject? previous = null;
        foreach (var entry in history)
        {
            if (entry.FormSnapshot is not { } snapshot)
            {
                continue;
            }

            if (previous is not null && Diff(previous, snapshot) is { Count: > 0 } changes)
            {
                result[entry.Id] = changes;
            }

            previous = snapshot;
        }

        return result;
    }

    private static JsonObject Diff(JsonObject before, JsonObject after)
    {
        var changes = new JsonObject();
        foreach (var field in before.Select(pair => pair.Key).Union(after.Select(pair => pair.Key), StringComparer.Ordinal))
        {
            var old = before[field];
            var current = after[field];
            if (!JsonNode.DeepEquals(old, current))
            {
                changes[field] = new JsonObject { ["old"] = old?.DeepClone(), ["new"] = current?.DeepClone() };
            }
        }

        return changes;
    }
}
