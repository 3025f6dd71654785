using System.Text.Json.Nodes;

namespace WorkflowKit.Runtime.Storage;

/// <summary>
/// A position of execution in an instance. Live tokens are active (about to run their node) or
/// waiting (on a task, timer, join, sub-flow, outbox reply, retry or incident).
/// </summary>
public sealed class TokenRecord
{
    public string Id { get; set; } = string.Empty;

    public string InstanceId { get; set; } = string.Empty;

    public string NodeId { get; set; } = string.Empty;

    public string Status { get; set; } = TokenStatuses.Active;

    /// <summary>Edge the token arrived by; joins queue tokens per incoming edge.</summary>
    public string? EdgeId { get; set; }

    /// <summary>Split activations the token is inside, outermost first, joined by '/'; empty at top level.</summary>
    public string Scope { get; set; } = string.Empty;

    /// <summary>Human nodes visited since the token's branch began, oldest first; return targets come from here.</summary>
    public List<string> Trail { get; set; } = [];

    public string? WaitKind { get; set; }

    public string? WaitRef { get; set; }

    /// <summary>State of the wait, such as the approval round of a human node.</summary>
    public JsonObject? WaitState { get; set; }

    /// <summary>Identifies one entry of the token into its node; tasks of that entry carry it.</summary>
    public string? VisitId { get; set; }

    /// <summary>Creation order within the instance; queues and processing follow it.</summary>
    public long Seq { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public bool IsLive => Status is TokenStatuses.Active or TokenStatuses.Waiting;
}
