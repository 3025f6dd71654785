using System.Text.Json.Nodes;

namespace WorkflowKit.Runtime.Storage;

/// <summary>
/// A side effect written in the step's transaction and delivered afterwards: an HTTP call, a
/// notification on a pluggable channel. Every delivery attempt carries <see cref="IdempotencyKey"/>,
/// so a receiver can drop a repeat after a crash between delivery and acknowledgement.
/// </summary>
public sealed class OutboxRecord
{
    public string Id { get; set; } = string.Empty;

    public string? InstanceId { get; set; }

    public string? TokenId { get; set; }

    public string? NodeId { get; set; }

    /// <summary>One of <see cref="OutboxKinds"/>.</summary>
    public string Kind { get; set; } = OutboxKinds.Http;

    /// <summary>Channel name for notifications, such as "email".</summary>
    public string? Channel { get; set; }

    public JsonObject Payload { get; set; } = [];

    public string IdempotencyKey { get; set; } = string.Empty;

    public string Status { get; set; } = OutboxStatuses.Pending;

    public int Attempts { get; set; }

    public int MaxAttempts { get; set; } = 3;

    public DateTimeOffset NextAttemptAt { get; set; }

    public string? LeaseOwner { get; set; }

    public DateTimeOffset? LeaseUntil { get; set; }

    public string? LastError { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? DeliveredAt { get; set; }
}
