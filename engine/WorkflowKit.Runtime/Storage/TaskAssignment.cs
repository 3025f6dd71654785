namespace WorkflowKit.Runtime.Storage;

/// <summary>One hand-over of a task: to whom, by whom, why and when.</summary>
public sealed record TaskAssignment(
    string TaskId, string InstanceId, string UserId, string Reason, string? By, DateTimeOffset At);
