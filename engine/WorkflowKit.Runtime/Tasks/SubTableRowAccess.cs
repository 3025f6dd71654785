using System.Text.Json.Nodes;
using WorkflowKit.Definitions.Flows;

namespace WorkflowKit.Runtime.Tasks;

/// <summary>
/// Row rules of one sub-table for one task: whether rows may be added or deleted, and which rows the task may edit.
/// The engine applies them to every submission, and the work portal's form reads the same object to show only what a
/// submission may change.
/// </summary>
public sealed class SubTableRowAccess
{
    private readonly FieldPermission? _permission;

    private SubTableRowAccess(FieldPermission? permission, string? taskUser)
    {
        _permission = permission;
        TaskUser = taskUser;
    }

    /// <summary>True when the sub-table is editable at the node. Fields the node does not list are read-only.</summary>
    public bool IsEditable => _permission?.Access == FieldPermission.Editable;

    /// <summary>
    /// Column that contains the user id of each row's owner, or null when every row belongs to every assignee. The
    /// column itself is read-only.
    /// </summary>
    public string? OwnerColumn => IsEditable ? _permission!.RowOwner : null;

    /// <summary>User the task was created for: the original assignee, also after a transfer.</summary>
    public string? TaskUser { get; }

    /// <summary>
    /// True when rows may be added. A sub-table with an owner column keeps its rows, because a new row would have no
    /// owner among the node's tasks.
    /// </summary>
    public bool CanAddRows => IsEditable && _permission!.AddRows != false && OwnerColumn is null;

    /// <summary>True when rows may be deleted. Never with an owner column, as with <see cref="CanAddRows"/>.</summary>
    public bool CanDeleteRows => IsEditable && _permission!.DeleteRows != false && OwnerColumn is null;

    /// <summary>True when existing rows may be changed at all, before the owner column is considered.</summary>
    public bool CanEditRows => IsEditable && _permission!.EditRows != false;

    /// <summary>
    /// Row rules of sub-table <paramref name="tableId"/> at <paramref name="node"/> for a task created for
    /// <paramref name="taskUser"/>, which is null outside a task.
    /// </summary>
    public static SubTableRowAccess For(NodeDefinition node, string tableId, string? taskUser)
    {
        ArgumentNullException.ThrowIfNull(node);
        return new SubTableRowAccess(node.FieldPermissions?.GetValueOrDefault(tableId), taskUser);
    }

    /// <summary>
    /// Row rules from a sub-table's permission at a node for a task created for <paramref name="taskUser"/>. A null
    /// <paramref name="permission"/> means that the node does not list the field, so it is read-only.
    /// </summary>
    public static SubTableRowAccess For(FieldPermission? permission, string? taskUser) => new(permission, taskUser);

    /// <summary>User id in the owner column of <paramref name="row"/>, or null when the row has none.</summary>
    public string? OwnerOf(JsonObject? row) =>
        OwnerColumn is { } column && row?[column] is JsonValue value && value.TryGetValue<string>(out var text)
            ? text
            : null;

    /// <summary>
    /// True when <paramref name="storedRow"/> belongs to the task user, judged by its stored value. Every row belongs
    /// to the task when the sub-table has no owner column.
    /// </summary>
    public bool IsOwnRow(JsonObject? storedRow) =>
        OwnerColumn is null
        || (TaskUser is not null && string.Equals(OwnerOf(storedRow), TaskUser, StringComparison.Ordinal));

    /// <summary>True when the task may change <paramref name="storedRow"/>, apart from its owner column.</summary>
    public bool CanEditRow(JsonObject? storedRow) => CanEditRows && IsOwnRow(storedRow);

    /// <summary>True when <paramref name="column"/> is the owner column, which is read-only in every row.</summary>
    public bool IsOwnerColumn(string column) => string.Equals(column, OwnerColumn, StringComparison.Ordinal);

    /// <summary>
    /// Zero-based positions of rows that belong to other users and differ between <paramref name="loaded"/>, the rows
    /// a client showed, and <paramref name="submitted"/>, the rows it sends back.
    /// </summary>
    /// <remarks>
    /// The engine compares with the stored rows instead. It rejects a changed row whose owner has not submitted since
    /// the task was created, but keeps the stored values of the other changed rows without an error, because their
    /// owners may have saved them after this client loaded them. A client that kept the loaded rows can tell its own
    /// user's edits apart and report them all.
    /// </remarks>
    public IReadOnlyList<int> ChangedRowsOfOtherOwners(JsonArray? loaded, JsonArray? submitted)
    {
        if (OwnerColumn is null || loaded is null || submitted is null)
        {
            return [];
        }

        var changed = new List<int>();
        for (var index = 0; index < Math.Min(loaded.Count, submitted.Count); index++)
        {
            if (!IsOwnRow(loaded[index] as JsonObject) && !JsonNode.DeepEquals(loaded[index], submitted[index]))
            {
                changed.Add(index);
            }
        }

        return changed;
    }
}
