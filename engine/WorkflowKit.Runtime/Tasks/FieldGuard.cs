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
        changes = ExpandOwnRows(node, form, changes, taskUser);
        changes = RestoreHiddenColumns(node, form, changes);
        changes = KeepOtherOwnersRows(node, form, changes, taskUser, ownersActedSinceTaskCreated, keptRows);
        CheckReadOnlyColumns(node, form, changes);
        foreach (var (fieldId, value) in changes)
        {
            var access = AccessOf(node, fieldId);
            var current = form[fieldId];
            if (access != FieldPermission.Editable)
            {
                if (!JsonNode.DeepEquals(current, value))
                {
                    throw Denied(
                        node, fieldId, access, $"Field '{fieldId}' is {access} at node '{node.Id}' and cannot be changed",
                        $"字段 “{fieldId}” 在节点 “{node.Id}” 为{AccessInChinese(access)}，不能修改");
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
    /// What a task created for <paramref name="taskUser"/> shows: <see cref="Visible"/>, and of each sub-table with an
    /// owner column only the rows of that user, in stored order. Rows of other owners may name customers of another
    /// region, so the task view leaves them out.
    /// </summary>
    public static JsonObject VisibleTo(NodeDefinition node, JsonObject form, string taskUser)
    {
        var copy = Visible(node, form);
        foreach (var (table, permission) in node.FieldPermissions ?? [])
        {
            var access = SubTableRowAccess.For(permission, taskUser);
            if (access.OwnerColumn is null || copy[table] is not JsonArray rows)
            {
                continue;
            }

            copy[table] = new JsonArray([.. rows.Where(row => access.IsOwnRow(row as JsonObject))
                .Select(row => row?.DeepClone())]);
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
                        $"(row {index + 1})",
                        $"子表 “{table}” 的列 “{column}” 在节点 “{node.Id}” 为隐藏，不能修改（第 {index + 1} 行）");
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
                    $"rows cannot be added or deleted at node '{node.Id}' ({rows.Count} rows arrived)",
                    $"子表 “{table}” 有 {stored.Count} 行，每行归列 “{column}” 中的用户所有，因此在节点 “{node.Id}” " +
                    $"不能添加或删除行（收到 {rows.Count} 行）");
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
                                $"'{column}') and cannot be changed in the task of '{user}'",
                                $"子表 “{table}” 的第 {index + 1} 行属于 “{owner ?? "无人"}”（列 “{column}”），" +
                                $"不能在 “{user}” 的任务中修改");
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
                        $"(row {index + 1})",
                        $"子表 “{table}” 的列 “{column}” 决定由谁编辑该行，不能修改（第 {index + 1} 行）");
                }
            }
        }

        return merged;
    }

    /// <summary>
    /// Turns a submitted sub-table that holds only the task user's rows, as <see cref="VisibleTo"/> shows them, into
    /// the whole table: the submitted rows take the places of the user's stored rows in order, and every other row is
    /// the stored one. A submission with every row is left as it is.
    /// </summary>
    private static JsonObject ExpandOwnRows(NodeDefinition node, JsonObject form, JsonObject changes, string user)
    {
        JsonObject? expanded = null;
        foreach (var (table, permission) in node.FieldPermissions ?? [])
        {
            var access = SubTableRowAccess.For(permission, user);
            if (access.OwnerColumn is null || changes[table] is not JsonArray submitted
                || form[table] is not JsonArray stored || submitted.Count == stored.Count)
            {
                continue;
            }

            var own = stored.Select((row, index) => (row, index))
                .Where(pair => access.IsOwnRow(pair.row as JsonObject))
                .Select(pair => pair.index)
                .ToList();
            if (submitted.Count != own.Count)
            {
                throw Denied(
                    node, table, FieldPermission.Editable,
                    $"Sub-table '{table}' has {stored.Count} rows, {own.Count} of them owned by '{user}' (column " +
                    $"'{access.OwnerColumn}'), but {submitted.Count} rows arrived at node '{node.Id}'. Send only " +
                    "your own rows in the order the task shows them, or every row",
                    $"子表 “{table}” 有 {stored.Count} 行，其中 {own.Count} 行属于 “{user}”（列 " +
                    $"“{access.OwnerColumn}”），但节点 “{node.Id}” 收到 {submitted.Count} 行。请按任务显示的顺序只提交" +
                    "您自己的行，或提交全部行");
            }

            var rows = new JsonArray([.. stored.Select(row => row?.DeepClone())]);
            for (var position = 0; position < own.Count; position++)
            {
                rows[own[position]] = submitted[position]?.DeepClone();
            }

            expanded ??= (JsonObject)changes.DeepClone();
            expanded[table] = rows;
        }

        return expanded ?? changes;
    }

    /// <summary>
    /// Rejects a change to a column that the node lists as read-only (<c>"confirmations.customer": "readonly"</c>) in a
    /// row that is already stored. Rows that the submission adds may set the column.
    /// </summary>
    private static void CheckReadOnlyColumns(NodeDefinition node, JsonObject form, JsonObject changes)
    {
        foreach (var (path, permission) in node.FieldPermissions ?? [])
        {
            if (permission.Access != FieldPermission.ReadOnly || SplitColumn(path) is not var (table, column)
                || changes[table] is not JsonArray rows)
            {
                continue;
            }

            var stored = form[table] as JsonArray ?? [];
            for (var index = 0; index < Math.Min(rows.Count, stored.Count); index++)
            {
                var before = (stored[index] as JsonObject)?[column];
                var after = (rows[index] as JsonObject)?[column];
                if (!JsonNode.DeepEquals(before, after))
                {
                    throw Denied(
                        node, path, FieldPermission.ReadOnly,
                        $"Column '{column}' of sub-table '{table}' is read-only at node '{node.Id}' and cannot be " +
                        $"changed (row {index + 1})",
                        $"子表 “{table}” 的列 “{column}” 在节点 “{node.Id}” 为只读，不能修改（第 {index + 1} 行）");
                }
            }
        }
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
            throw Denied(
                node, fieldId, "editable", $"Sub-table '{fieldId}' does not allow adding rows at node '{node.Id}'",
                $"子表 “{fieldId}” 在节点 “{node.Id}” 不允许添加行");
        }

        if (!access.CanDeleteRows && after.Count < oldRows.Count)
        {
            throw Denied(
                node, fieldId, "editable", $"Sub-table '{fieldId}' does not allow deleting rows at node '{node.Id}'",
                $"子表 “{fieldId}” 在节点 “{node.Id}” 不允许删除行");
        }

        if (!access.CanEditRows)
        {
            for (var index = 0; index < Math.Min(oldRows.Count, after.Count); index++)
            {
                if (!JsonNode.DeepEquals(oldRows[index], after[index]))
                {
                    throw Denied(
                        node, fieldId, "editable",
                        $"Sub-table '{fieldId}' does not allow editing rows at node '{node.Id}' (row {index + 1} changed)",
                        $"子表 “{fieldId}” 在节点 “{node.Id}” 不允许修改行（第 {index + 1} 行有改动）");
                }
            }
        }
    }

    private static FieldAccessDeniedException Denied(
        NodeDefinition node, string fieldId, string access, string what, string whatInChinese) =>
        new($"{what}; submit it unchanged or leave it out. Editable here: " +
            $"{string.Join(", ", EditableFields(node).DefaultIfEmpty("none"))}.")
        {
            ChineseMessage = $"{whatInChinese}；请原样提交或不提交该字段。此节点可编辑的字段：" +
                $"{string.Join(", ", EditableFields(node).DefaultIfEmpty("无"))}。",
            FieldId = fieldId,
            NodeId = node.Id,
            Access = access,
        };

    private static string AccessInChinese(string access) => access switch
    {
        FieldPermission.Hidden => "隐藏",
        FieldPermission.ReadOnly => "只读",
        _ => access,
    };

    private static IEnumerable<string> EditableFields(NodeDefinition node) =>
        (node.FieldPermissions ?? [])
            .Where(pair => pair.Value.Access == FieldPermission.Editable)
            .Select(pair => pair.Key)
            .Order(StringComparer.Ordinal);
}
