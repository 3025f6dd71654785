using System.Text.Json.Nodes;
using WorkflowKit.Definitions.Flows;

namespace WorkflowKit.Runtime.Tasks;

/// <summary>
/// Applies the field permissions of a node: what a task may change and what its view may show.
/// Fields not listed at the node are read-only.
/// </summary>
internal static class FieldGuard
{
    public static string AccessOf(NodeDefinition node, string fieldId) =>
        node.FieldPermissions?.GetValueOrDefault(fieldId)?.Access ?? FieldPermission.ReadOnly;

    /// <summary>Applies submitted changes to <paramref name="form"/>, or throws before changing anything.</summary>
    /// <exception cref="FieldAccessDeniedException">A read-only or hidden field arrived with a different value.</exception>
    public static void Apply(NodeDefinition node, JsonObject form, JsonObject? changes)
    {
        if (changes is null)
        {
            return;
        }

        foreach (var (fieldId, value) in changes)
        {
            var access = AccessOf(node, fieldId);
            var current = form[fieldId];
            if (access != FieldPermission.Editable)
            {
                if (!JsonNode.DeepEquals(current, value))
                {
                    throw Denied(node, fieldId, access, $"Field '{fieldId}' is {access} at node '{node.Id}' and cannot be changed");
                }

                continue;
            }

            CheckRows(node, fieldId, current as JsonArray, value as JsonArray);
        }

        foreach (var (fieldId, value) in changes)
        {
            form[fieldId] = value?.DeepClone();
        }
    }

    /// <summary>A copy of the form without the fields hidden at the node.</summary>
    public static JsonObject Visible(NodeDefinition node, JsonObject form)
    {
        var copy = (JsonObject)form.DeepClone();
        foreach (var (fieldId, permission) in node.FieldPermissions ?? [])
        {
            if (permission.Access == FieldPermission.Hidden)
            {
                copy.Remove(fieldId);
            }
        }

        return copy;
    }

    private static void CheckRows(NodeDefinition node, string fieldId, JsonArray? before, JsonArray? after)
    {
        var permission = node.FieldPermissions?.GetValueOrDefault(fieldId);
        if (permission is null || after is null)
        {
            return;
        }

        var oldRows = before ?? [];
        if (permission.AddRows == false && after.Count > oldRows.Count)
        {
            throw Denied(node, fieldId, "editable", $"Sub-table '{fieldId}' does not allow adding rows at node '{node.Id}'");
        }

        if (permission.DeleteRows == false && after.Count < oldRows.Count)
        {
            throw Denied(node, fieldId, "editable", $"Sub-table '{fieldId}' does not allow deleting rows at node '{node.Id}'");
        }

        if (permission.EditRows == false)
        {
            for (var index = 0; index < Math.Min(oldRows.Count, after.Count); index++)
            {
                if (!JsonNode.DeepEquals(oldRows[index], after[index]))
                {
                    throw Denied(
                        node, fieldId, "editable",
                        $"Sub-table '{fieldId}' does not allow editing rows at node '{node.Id}' (row {index + 1} changed)");
                }
            }
        }
    }

    private static FieldAccessDeniedException Denied(NodeDefinition node, string fieldId, string access, string what) =>
        new($"{what}; submit it unchanged or leave it out. Editable here: " +
            $"{string.Join(", ", EditableFields(node).DefaultIfEmpty("none"))}.")
        {
            FieldId = fieldId,
            NodeId = node.Id,
            Access = access,
        };

    private static IEnumerable<string> EditableFields(NodeDefinition node) =>
        (node.FieldPermissions ?? [])
            .Where(pair => pair.Value.Access == FieldPermission.Editable)
            .Select(pair => pair.Key)
            .Order(StringComparer.Ordinal);
}
