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

    /// <summary>
    /// Applies submitted changes to <paramref name="form"/>, or throws before changing anything. Returns the rows of
    /// other owners whose submitted copies differed from the stored rows and were ignored.
    /// </summary>
    /// <param name="node">Node of the task, whose field permissions apply.</param>
    /// <param name="form">Stored form data of the instance, changed in place.</param>
    /// <param name="changes">Submitted field values, or null when nothing changes.</param>
    /// <param name="taskUser">
    /// User the task was created for. Sub-tables with <see cref="FieldPermission.RowOwner"/> take only this user's
    /// rows from <paramref name="changes"/>.
    /// </param>
    /// <param name="ownersActedSinceTaskCreated">
    /// Users whose tasks submitted form changes at or after the creation of this task. Their rows may differ from
    /// what this task's client loaded, so a submitted copy that differs from the stored row is ignored. Any other
    /// owner's row is stored as every client of this task loaded it, so a difference is an edit and is rejected.
    /// </param>
    /// <exception cref="FieldAccessDeniedException">
    /// A read-only or hidden field arrived with a different value, or a sub-table with an owner column arrived with
    /// another number of rows, with a changed owner, or with a changed row of another owner.
    /// </exception>
    public static IReadOnlyList<KeptOwnerRow> Apply(
        NodeDefinition node,
        JsonObject form,
        JsonObject? changes,
        string taskUser,
        IReadOnlySet<string> ownersActedSinceTaskCreated)
    {
        if (changes is null)
        {
            return [];
        }

        var keptRows = new List<KeptOwnerRow>();
        changes = RestoreHiddenColumns(node, form, changes);
        changes = KeepOtherOwnersRows(node, form, changes, taskUser, ownersActedSinceTaskCreated, keptRows);
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

        return keptRows;
    }

    /// <summary>
    /// A copy of the form without the fields hidden at the node. A hidden sub-table column
    /// (<c>"lines.unitPrice": "hidden"</c>) is removed from every row.
    /// </summary>
    public static JsonObject Visible(NodeDefinition node, JsonObject form)
    {
        var copy = (JsonObject)form.DeepClone();
        foreach (var (fieldId, permission) in node.FieldPermissions ?? [])
        {
            if (permission.Access != FieldPermission.Hidden)
            {
                continue;
            }

            copy.Remove(fieldId);
            if (SplitColumn(fieldId) is var (table, column) && copy[table] is JsonArray rows)
            {
                foreach (var row in rows.OfType<JsonObject>())
                {
                    row.Remove(column);
                }
            }
        }

        return copy;
    }

    /// <summary>
    /// Puts the stored values of hidden sub-table columns back into submitted rows, because the task view never
    /// sent them. A submitted row that carries a hidden column with another value is refused; a new row gets no
    /// value in a hidden column.
    /// </summary>
    private static JsonObject RestoreHiddenColumns(NodeDefinition node, JsonObject form, JsonObject changes)
    {
        var hidden = (node.FieldPermissions ?? [])
            .Where(pair => pair.Value.Access == FieldPermission.Hidden)
            .Select(pair => SplitColumn(pair.Key))
            .OfType<(string Table, string Column)>()
            .Where(pair => changes[pair.Table] is JsonArray)
            .ToList();
        if (hidden.Count == 0)
        {
            return changes;
        }

        var restored = (JsonObject)changes.DeepClone();
        foreach (var (table, column) in hidden)
        {
            var stored = form[table] as JsonArray ?? [];
            var rows = (JsonArray)restored[table]!;
            for (var index = 0; index < rows.Count; index++)
            {
                if (rows[index] is not JsonObject row)
                {
                    continue;
                }

                var old = index < stored.Count ? (stored[index] as JsonObject)?[column] : null;
                if (row.ContainsKey(column) && !JsonNode.DeepEquals(row[column], old))
                {
                    throw Denied(
                        node, $"{table}.{column}", FieldPermission.Hidden,
                        $"Column '{column}' of sub-table '{table}' is hidden at node '{node.Id}' and cannot be changed " +
                        $"(row {index + 1})");
                }

                row.Remove(column);
                if (old is not null)
                {
                    row[column] = old.DeepClone();
                }
            }
        }

        return restored;
    }

    /// <summary>
    /// Replaces, in a copy of the submitted rows of each sub-table with an owner column, every row that belongs to
    /// another user by its stored value. Tasks of one node that run side by side submit the whole sub-table as they
    /// loaded it, so without this the last task to finish would overwrite the rows the others confirmed. A changed
    /// row of an owner who has not submitted since this task was created cannot be stale, so it is rejected. A changed
    /// row of an owner who has submitted since is added to <paramref name="keptRows"/>.
    /// </summary>
    private static JsonObject KeepOtherOwnersRows(
        NodeDefinition node,
        JsonObject form,
        JsonObject changes,
        string user,
        IReadOnlySet<string> ownersActedSinceTaskCreated,
        List<KeptOwnerRow> keptRows)
    {
        var owned = (node.FieldPermissions ?? [])
            .Select(pair => (Table: pair.Key, Rows: SubTableRowAccess.For(pair.Value, user)))
            .Where(pair => pair.Rows.OwnerColumn is not null && changes[pair.Table] is JsonArray)
            .ToList();
        if (owned.Count == 0)
        {
            return changes;
        }

        var merged = (JsonObject)changes.DeepClone();
        foreach (var (table, access) in owned)
        {
            var column = access.OwnerColumn!;
            var stored = form[table] as JsonArray ?? [];
            var rows = (JsonArray)merged[table]!;
            if (rows.Count != stored.Count)
            {
                throw Denied(
                    node, table, FieldPermission.Editable,
                    $"Sub-table '{table}' has {stored.Count} rows, each owned by the user in column '{column}', so " +
                    $"rows cannot be added or deleted at node '{node.Id}' ({rows.Count} rows arrived)");
            }

            for (var index = 0; index < rows.Count; index++)
            {
                var storedRow = stored[index] as JsonObject;
                if (!access.IsOwnRow(storedRow))
                {
                    // NOTE: only task submissions count as writers here. A script node on a parallel branch that
                    // rewrites the sub-table makes an unchanged copy look edited, and the client has to reload.
                    var owner = access.OwnerOf(storedRow);
                    var mayBeStale = owner is not null && ownersActedSinceTaskCreated.Contains(owner);
                    if (!JsonNode.DeepEquals(rows[index], storedRow))
                    {
                        if (!mayBeStale)
                        {
                            throw Denied(
                                node, table, FieldPermission.Editable,
                                $"Row {index + 1} of sub-table '{table}' belongs to '{owner ?? "nobody"}' (column " +
                                $"'{column}') and cannot be changed in the task of '{user}'");
                        }

                        keptRows.Add(new KeptOwnerRow(table, index + 1, owner!));
                    }

                    rows[index] = storedRow?.DeepClone();
                    continue;
                }

                var submittedOwner = access.OwnerOf(rows[index] as JsonObject);
                if (!string.Equals(submittedOwner, access.OwnerOf(storedRow), StringComparison.Ordinal))
                {
                    throw Denied(
                        node, $"{table}.{column}", FieldPermission.ReadOnly,
                        $"Column '{column}' of sub-table '{table}' decides who edits a row and cannot be changed " +
                        $"(row {index + 1})");
                }
            }
        }

        return merged;
    }

    private static (string Table, string Column)? SplitColumn(string fieldId)
    {
        var dot = fieldId.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 && dot < fieldId.Length - 1 ? (fieldId[..dot], fieldId[(dot + 1)..]) : null;
    }

    private static void CheckRows(NodeDefinition node, string fieldId, JsonArray? before, JsonArray? after)
    {
        if (node.FieldPermissions?.ContainsKey(fieldId) != true || after is null)
        {
            return;
        }

        var access = SubTableRowAccess.For(node, fieldId, taskUser: null);
        var oldRows = before ?? [];
        if (!access.CanAddRows && after.Count > oldRows.Count)
        {
            throw Denied(node, fieldId, "editable", $"Sub-table '{fieldId}' does not allow adding rows at node '{node.Id}'");
        }

        if (!access.CanDeleteRows && after.Count < oldRows.Count)
        {
            throw Denied(node, fieldId, "editable", $"Sub-table '{fieldId}' does not allow deleting rows at node '{node.Id}'");
        }

        if (!access.CanEditRows)
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
