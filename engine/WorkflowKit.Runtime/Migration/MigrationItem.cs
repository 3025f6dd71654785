namespace WorkflowKit.Runtime.Migration;

/// <summary>One live token or open task of a migration plan, with its node in both versions.</summary>
/// <param name="Kind"><see cref="MigrationItemKinds.Token"/> or <see cref="MigrationItemKinds.Task"/>.</param>
/// <param name="Id">The token or task id.</param>
/// <param name="SourceNodeId">The node in the instance's current version.</param>
/// <param name="TargetNodeId">The node in the target version, or null when the target has no such node.</param>
/// <param name="NodeType">The node's type in the current version, such as "approval".</param>
/// <param name="Detail">What the token waits for, or the task's assignee.</param>
public sealed record MigrationItem(
    string Kind, string Id, string SourceNodeId, string? TargetNodeId, string NodeType, string? Detail)
{
    /// <summary>For a token waiting at a join, the incoming edge it arrived on; otherwise null.</summary>
    public string? SourceEdgeId { get; init; }

    /// <summary>
    /// For a token waiting at a join, the incoming edge of the target version's join that its arrival counts for,
    /// or null when the plan cannot map it.
    /// </summary>
    public string? TargetEdgeId { get; init; }
}

/// <summary>Kinds of <see cref="MigrationItem"/>.</summary>
public static class MigrationItemKinds
{
    public const string Token = "token";
    public const string Task = "task";
}
