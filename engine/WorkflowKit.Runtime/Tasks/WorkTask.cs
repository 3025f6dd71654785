namespace WorkflowKit.Runtime.Tasks;

/// <summary>A human task as callers see it.</summary>
public sealed record WorkTask(
    string Id,
    string InstanceId,
    string NodeId,
    string Kind,
    string FlowKey,
    int FlowVersion,
    string Status,
    string Assignee,
    string OriginalAssignee,
    string? Outcome,
    string? Comment,
    long Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset? DueAt,
    DateTimeOffset? CompletedAt,
    string? CompletedBy);
