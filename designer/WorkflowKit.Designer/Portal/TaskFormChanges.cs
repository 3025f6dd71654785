using System.Text.Json.Nodes;
using WorkflowKit.Definitions.Flows;

namespace WorkflowKit.Designer.Portal;

/// <summary>The form changes that the task page submits with an approval or a submission.</summary>
public static class TaskFormChanges
{
    /// <summary>
    /// Returns the editable fields whose value in <paramref name="edited"/> differs from <paramref name="loaded"/>, or
    /// null when none differs. Both come from the engine's task view, so hidden fields and sub-table columns are
    /// absent from both and are never sent. The engine restores the stored values of hidden columns in submitted
    /// sub-table rows.
    /// </summary>
    public static JsonObject? Editable(
        IReadOnlyDictionary<string, FieldPermission> permissions, JsonObject loaded, JsonObject edited)
    {
        ArgumentNullException.ThrowIfNull(permissions);
        ArgumentNullException.ThrowIfNull(loaded);
        ArgumentNullException.ThrowIfNull(edited);

        var changes = new JsonObject();
        foreach (var (field, permission) in permissions.Where(p => p.Value.Access == FieldPermission.Editable))
        {
            if (loaded[field]?.ToJsonString() != edited[field]?.ToJsonString())
            {
                changes[field] = edited[field]?.DeepClone();
            }
        }

        return changes.Count == 0 ? null : changes;
    }
}
