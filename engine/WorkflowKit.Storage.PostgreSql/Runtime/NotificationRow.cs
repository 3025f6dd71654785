using WorkflowKit.Runtime.Notifications;

namespace WorkflowKit.Storage.PostgreSql.Runtime;

/// <summary>A wk_notifications row as Dapper reads it.</summary>
internal sealed class NotificationRow
{
    public const string Columns =
        "id AS Id, user_id AS UserId, instance_id AS InstanceId, node_id AS NodeId, task_id AS TaskId, kind AS Kind, " +
        "message_json AS MessageJson, created_at AS CreatedAt, read_at AS ReadAt";

    public string Id { get; set; } = string.Empty;

    public string UserId { get; set; } = string.Empty;

    public string? InstanceId { get; set; }

    public string? NodeId { get; set; }

    public string? TaskId { get; set; }

    public string Kind { get; set; } = string.Empty;

    public string? MessageJson { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? ReadAt { get; set; }

    public Notification ToNotification() => new(
        Id, UserId, InstanceId, NodeId, TaskId, Kind, SqlJson.ReadText(MessageJson), SqlTime.Read(CreatedAt),
        SqlTime.ReadOptional(ReadAt));
}
