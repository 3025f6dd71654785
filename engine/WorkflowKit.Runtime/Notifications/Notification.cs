using WorkflowKit.Definitions;

namespace WorkflowKit.Runtime.Notifications;

/// <summary>An in-app notification for one user: a CC, a reminder, an urge or a notification node.</summary>
public sealed record Notification(
    string Id,
    string UserId,
    string? InstanceId,
    string? NodeId,
    string? TaskId,
    string Kind,
    LocalizedText? Message,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ReadAt);
