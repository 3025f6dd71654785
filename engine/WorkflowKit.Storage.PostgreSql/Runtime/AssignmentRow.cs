using WorkflowKit.Runtime.Storage;

namespace WorkflowKit.Storage.PostgreSql.Runtime;

/// <summary>A wk_task_assignees row as Dapper reads it.</summary>
internal sealed class AssignmentRow
{
    public const string Columns =
        "task_id AS TaskId, instance_id AS InstanceId, user_id AS UserId, reason AS Reason, assigned_by AS AssignedBy, " +
        "assigned_at AS AssignedAt";

    public string TaskId { get; set; } = string.Empty;

    public string InstanceId { get; set; } = string.Empty;

    public string UserId { get; set; } = string.Empty;

    public string Reason { get; set; } = string.Empty;

    public string? AssignedBy { get; set; }

    public DateTime AssignedAt { get; set; }

    public TaskAssignment ToAssignment() => new(TaskId, InstanceId, UserId, Reason, AssignedBy, SqlTime.Read(AssignedAt));
}
