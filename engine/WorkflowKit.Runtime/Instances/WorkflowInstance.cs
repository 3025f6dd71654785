using System.Text.Json.Nodes;

namespace WorkflowKit.Runtime.Instances;

/// <summary>An instance as callers see it: which flow version it runs, who started it, where it stands.</summary>
public sealed record WorkflowInstance(
    string Id,
    string FlowKey,
    int FlowVersion,
    string Status,
    string TriggerKind,
    string Initiator,
    string? ParentInstanceId,
    JsonObject Form,
    JsonObject Variables,
    string? EndNodeId,
    long Version,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt)
{
    /// <summary>Time from start to end, or null while the instance runs.</summary>
    public TimeSpan? Duration => EndedAt - StartedAt;
}
