using System.Globalization;
using System.Text.Json.Nodes;
using WorkflowKit.Definitions;

namespace WorkflowKit.Runtime.Tasks;

/// <summary>An action by a user on a task.</summary>
/// <param name="TaskId">The task.</param>
/// <param name="Action">One of <see cref="TaskActions"/>.</param>
/// <param name="UserId">Who acts; must be the task's assignee.</param>
public sealed record TaskActionRequest(string TaskId, string Action, string UserId)
{
    public string? Comment { get; init; }

    /// <summary>
    /// The comment in each language, for a decision that the engine takes itself, such as at a task's deadline.
    /// The audit line stores it as <c>details.comment</c>, and the notices of the decision quote it per language.
    /// </summary>
    internal LocalizedText? LocalizedComment { get; init; }

    /// <summary>Changed form fields, field id to value; checked against the node's field permissions.</summary>
    public JsonObject? FormChanges { get; init; }

    /// <summary>The task version the user saw; a different current version is a conflict.</summary>
    public long? ExpectedVersion { get; init; }

    /// <summary>For transfer and addSigner: the user who receives the task.</summary>
    public string? TargetUserId { get; init; }

    /// <summary>
    /// For return: the earlier node to return to, or the start node's id or <see cref="ReturnTarget.Initiator"/> to
    /// return to the initiator. When null, the previous human node of the branch, or the initiator at the first one.
    /// </summary>
    public string? TargetNodeId { get; init; }

    /// <summary>For addSigner: "before" or "after" the acting user.</summary>
    public string? SignerPosition { get; init; }

    /// <summary>For resubmit: the culture of validation messages; the invariant culture when null.</summary>
    public CultureInfo? Culture { get; init; }
}
