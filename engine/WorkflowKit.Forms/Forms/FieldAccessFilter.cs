using System.Globalization;
using System.Text.Json.Nodes;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Definitions.Forms;

namespace WorkflowKit.Forms;

/// <summary>
/// Enforces a flow node's field permissions on the server: hidden fields never leave it, and a
/// submission may change only editable fields and only the sub-table rows the node allows.
/// </summary>
/// <remarks>
/// A null permission map means every field is editable (a form used outside a flow). In a
/// non-null map a field that is not listed is read-only. A key "table.column" hides a column of
/// a sub-table. Sub-table rows are matched by their <see cref="RowIdKey"/> when every row has
/// one, and by position otherwise. Unless set, an editable sub-table allows adding, editing and
/// deleting rows and a read-only one allows none.
/// </remarks>
public static class FieldAccessFilter
{
    /// <summary>The optional key of a stable row id inside a sub-table row object.</summary>
    public const string RowIdKey = "$rowId";

    /// <summary>A copy of <paramref name="data"/> without the fields and columns the node hides.</summary>
    public static JsonObject Strip(JsonObject data, IReadOnlyDictionary<string, FieldPermission>? permissions)
    {
        ArgumentNullException.ThrowIfNull(data);
        var copy = (JsonObject)data.DeepClone();
        if (permissions is null)
        {
            return copy;
        }

        foreach (var (key, permission) in permissions)
        {
            if (permission.Access != FieldPermission.Hidden)
            {
                continue;
            }

            var dot = key.IndexOf('.', StringComparison.Ordinal);
            if (dot < 0)
            {
                copy.Remove(key);
                continue;
            }

            if (copy[key[..dot]] is JsonArray rows)
            {
                foreach (var row in rows.OfType<JsonObject>())
                {
                    row.Remove(key[(dot + 1)..]);
                }
            }
        }

        return copy;
    }

    /// <summary>
    /// Checks a submission against the record as it was: every field that is not editable must be
    /// unchanged (a hidden field must be absent or unchanged), and sub-table rows may only be
    /// added, edited or deleted where the node allows it.
    /// </summary>
    public static IReadOnlyList<FieldError> CheckChanges(
        FormDefinition form, JsonObject original, JsonObject submitted,
        IReadOnlyDictionary<string, FieldPermission>? permissions, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(original);
        ArgumentNullException.ThrowIfNull(submitted);
        ArgumentNullException.ThrowIfNull(culture);
        var errors = new List<FieldError>();
        if (permissions is null)
        {
            return errors;
        }

        var messages = FormMessages.For(culture);
        foreach (var field in form.Fields)
        {
            var permission = permissions.GetValueOrDefault(field.Id)
                ?? new FieldPermission { Access = FieldPermission.ReadOnly };
            var label = field.Label.Get(culture.Name);
            var before = original[field.Id];
            if (!submitted.TryGetPropertyValue(field.Id, out var after))
            {
                continue;
            }

            if (field.Type == FieldTypes.SubTable && permission.Access != FieldPermission.Hidden)
            {
                CheckRows(field, label, permission, permissions, before as JsonArray, after as JsonArray, messages,
                    errors);
                continue;
            }

            if (permission.Access != FieldPermission.Editable && !SameValue(before, after))
            {
                errors.Add(new FieldError(field.Id, "readOnly", messages.ReadOnly(label), after?.DeepClone()));
            }
        }

        return errors;
    }

    /// <summary>
    /// The changes a submission may make: the editable fields whose values differ from the
    /// original. Call <see cref="CheckChanges"/> first; this ignores everything else.
    /// </summary>
    public static JsonObject EditableChanges(
        FormDefinition form, JsonObject original, JsonObject submitted,
        IReadOnlyDictionary<string, FieldPermission>? permissions)
    {
        ArgumentNullException.ThrowIfNull(form);
        var changes = new JsonObject();
        foreach (var field in form.Fields)
        {
            var access = permissions is null
                ? FieldPermission.Editable
                : permissions.GetValueOrDefault(field.Id)?.Access ?? FieldPermission.ReadOnly;
            var editableRows = field.Type == FieldTypes.SubTable && access != FieldPermission.Hidden &&
                               permissions?.GetValueOrDefault(field.Id) is { } table &&
                               (table.AddRows == true || table.EditRows == true || table.DeleteRows == true);
            if ((access == FieldPermission.Editable || editableRows) &&
                submitted.TryGetPropertyValue(field.Id, out var value) && !SameValue(original[field.Id], value))
            {
                changes[field.Id] = value?.DeepClone();
            }
        }

        return changes;
    }

    private static void CheckRows(
        FieldDefinition field, string label, FieldPermission permission,
        IReadOnlyDictionary<string, FieldPermission> permissions, JsonArray? before, JsonArray? after,
        FormMessages messages, List<FieldError> errors)
    {
        var editable = permission.Access == FieldPermission.Editable;
        var mayAdd = permission.AddRows ?? editable;
        var mayEdit = permission.EditRows ?? editable;
        var mayDelete = permission.DeleteRows ?? editable;
        var oldRows = before?.OfType<JsonObject>().ToList() ?? [];
        var newRows = after?.OfType<JsonObject>().ToList() ?? [];
        var byId = oldRows.Concat(newRows).All(row => row[RowIdKey] is not null);

        var pairs = new List<(JsonObject? Old, JsonObject? New, int Index)>();
        if (byId)
        {
            var oldById = oldRows.ToDictionary(row => row[RowIdKey]!.ToJsonString(), StringComparer.Ordinal);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < newRows.Count; i++)
            {
                var id = newRows[i][RowIdKey]!.ToJsonString();
                seen.Add(id);
                pairs.Add((oldById.GetValueOrDefault(id), newRows[i], i));
            }

            pairs.AddRange(oldRows.Where(row => !seen.Contains(row[RowIdKey]!.ToJsonString()))
                .Select(row => ((JsonObject?)row, (JsonObject?)null, -1)));
        }
        else
        {
            for (var i = 0; i < Math.Max(oldRows.Count, newRows.Count); i++)
            {
                pairs.Add((i < oldRows.Count ? oldRows[i] : null, i < newRows.Count ? newRows[i] : null, i));
            }
        }

        foreach (var (oldRow, newRow, index) in pairs)
        {
            var path = index >= 0 ? $"{field.Id}[{index}]" : field.Id;
            if (oldRow is null && !mayAdd)
            {
                errors.Add(new FieldError(path, "rowAdd", messages.RowAddNotAllowed(label), newRow?.DeepClone()));
            }
            else if (newRow is null && !mayDelete)
            {
                errors.Add(new FieldError(path, "rowDelete", messages.RowDeleteNotAllowed(label), oldRow?.DeepClone()));
            }
            else if (oldRow is not null && newRow is not null)
            {
                CheckRowEdit(field, label, path, oldRow, newRow, mayEdit, permissions, messages, errors);
            }
        }
    }

    private static void CheckRowEdit(
        FieldDefinition field, string label, string path, JsonObject oldRow, JsonObject newRow, bool mayEdit,
        IReadOnlyDictionary<string, FieldPermission> permissions, FormMessages messages, List<FieldError> errors)
    {
        foreach (var column in field.Fields ?? [])
        {
            var columnAccess = permissions.GetValueOrDefault(field.Id + "." + column.Id)?.Access;
            if (SameValue(oldRow[column.Id], newRow[column.Id]) ||
                (columnAccess == FieldPermission.Hidden && !newRow.ContainsKey(column.Id)))
            {
                continue;
            }

            if (!mayEdit)
            {
                errors.Add(new FieldError(path, "rowEdit", messages.RowEditNotAllowed(label), newRow.DeepClone()));
                return;
            }

            if (columnAccess is not null and not FieldPermission.Editable)
            {
                var columnLabel = column.Label.Get(messages.Culture.Name);
                errors.Add(new FieldError(
                    path + "." + column.Id, "readOnly", messages.ReadOnly(label + " / " + columnLabel),
                    newRow[column.Id]?.DeepClone()));
            }
        }
    }

    private static bool SameValue(JsonNode? left, JsonNode? right) =>
        JsonNode.DeepEquals(FieldValues.IsEmpty(left) ? null : left, FieldValues.IsEmpty(right) ? null : right);
}
