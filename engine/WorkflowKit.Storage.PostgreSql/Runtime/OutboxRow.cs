using WorkflowKit.Runtime.Storage;

namespace WorkflowKit.Storage.PostgreSql.Runtime;

/// <summary>A wk_outbox row as Dapper reads it.</summary>
internal sealed class OutboxRow
{
    public const string Columns =
        "id AS Id, instance_id AS InstanceId, token_id AS TokenId, node_id AS NodeId, kind AS Kind, channel AS Channel, " +
        "payload_json AS PayloadJson, idempotency_key AS IdempotencyKey, status AS Status, attempts AS Attempts, " +
        "max_attempts AS MaxAttempts, next_attempt_at AS NextAttemptAt, lease_owner AS LeaseOwner, " +
        "lease_until AS LeaseUntil, last_error AS LastError, created_at AS CreatedAt, delivered_at AS DeliveredAt";

    public string Id { get; set; } = string.Empty;

    public string? InstanceId { get; set; }

    public string? TokenId { get; set; }

    public string? NodeId { get; set; }

    public string Kind { get; set; } = string.Empty;

    public string? Channel { get; set; }

    public string PayloadJson { get; set; } = "{}";

    public string IdempotencyKey { get; set; } = string.Empty;

    public string Status { get; set; } = string.Empty;

    public long Attempts { get; set; }

    public long MaxAttempts { get; set; }

    public DateTime NextAttemptAt { get; set; }

    public string? LeaseOwner { get; set; }

    public DateTime? LeaseUntil { get; set; }

    public string? LastError { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? DeliveredAt { get; set; }

    public OutboxRecord ToRecord() => new()
    {
        Id = Id,
        InstanceId = InstanceId,
        TokenId = TokenId,
        NodeId = NodeId,
        Kind = Kind,
        Channel = Channel,
        Payload = SqlJson.Object(PayloadJson),
        IdempotencyKey = IdempotencyKey,
        Status = Status,
        Attempts = (int)Attempts,
        MaxAttempts = (int)MaxAttempts,
        NextAttemptAt = SqlTime.Read(NextAttemptAt),
        LeaseOwner = LeaseOwner,
        LeaseUntil = SqlTime.ReadOptional(LeaseUntil),
        LastError = LastError,
        CreatedAt = SqlTime.Read(CreatedAt),
        DeliveredAt = SqlTime.ReadOptional(DeliveredAt),
    };

    public static object Parameters(OutboxRecord message) => new
    {
        message.Id,
        message.InstanceId,
        message.TokenId,
        message.NodeId,
        message.Kind,
        message.Channel,
        PayloadJson = SqlJson.Write(message.Payload),
        message.IdempotencyKey,
        message.Status,
        message.Attempts,
        message.MaxAttempts,
        NextAttemptAt = SqlTime.Write(message.NextAttemptAt),
        CreatedAt = SqlTime.Write(message.CreatedAt),
    };
}
