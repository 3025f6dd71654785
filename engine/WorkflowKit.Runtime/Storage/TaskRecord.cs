namespace WorkflowKit.Runtime.Storage;

/// <summary>The stored row of a human task: one assignee, one decision.</summary>
public sealed class TaskRecord
{
    public string Id { get; set; } = string.Empty;

    public string InstanceId { get; set; } = string.Empty;

    public string TokenId { get; set; } = string.Empty;

    /// <summary>The node entry the task belongs to; all tasks of one approval round share it.</summary>
    public string VisitId { get; set; } = string.Empty;

    public string NodeId { get; set; } = string.Empty;

    public string FlowKey { get; set; } = string.Empty;

    public int FlowVersion { get; set; }

    /// <summary>Node type: "fillIn" or "approval".</summary>
    public string Kind { get; set; } = string.Empty;

    public string Status { get; set; } = TaskStatuses.Open;

    public string Assignee { get; set; } = string.Empty;

    public string OriginalAssignee { get; set; } = string.Empty;

    public string? Outcome { get; set; }

    public string? Comment { get; set; }

    public long Seq { get; set; }

    public long Version { get; set; } = 1;

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? DueAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    public string? CompletedBy { get; set; }
}
