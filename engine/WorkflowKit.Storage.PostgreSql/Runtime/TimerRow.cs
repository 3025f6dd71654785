using WorkflowKit.Runtime.Storage;

namespace WorkflowKit.Storage.PostgreSql.Runtime;

/// <summary>A wk_timers row as Dapper reads it.</summary>
internal sealed class TimerRow
{
    public const string Columns =
        "id AS Id, instance_id AS InstanceId, token_id AS TokenId, task_id AS TaskId, kind AS Kind, due_at AS DueAt, " +
        "payload_json AS PayloadJson, status AS Status, lease_owner AS LeaseOwner, lease_until AS LeaseUntil, " +
        "created_at AS CreatedAt, fired_at AS FiredAt";

    public string Id { get; set; } = string.Empty;

    public string? InstanceId { get; set; }

    public string? TokenId { get; set; }

    public string? TaskId { get; set; }

    public string Kind { get; set; } = string.Empty;

    public DateTime DueAt { get; set; }

    public string? PayloadJson { get; set; }

    public string Status { get; set; } = string.Empty;

    public string? LeaseOwner { get; set; }

    public DateTime? LeaseUntil { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? FiredAt { get; set; }

    public TimerRecord ToRecord() => new()
    {
        Id = Id,
        InstanceId = InstanceId,
        TokenId = TokenId,
        TaskId = TaskId,
        Kind = Kind,
        DueAt = SqlTime.Read(DueAt),
        Payload = SqlJson.OptionalObject(PayloadJson),
        Status = Status,
        LeaseOwner = LeaseOwner,
        LeaseUntil = SqlTime.ReadOptional(LeaseUntil),
        CreatedAt = SqlTime.Read(CreatedAt),
        FiredAt = SqlTime.ReadOptional(FiredAt),
    };

    public static object Parameters(TimerRecord timer) => new
    {
        timer.Id,
        timer.InstanceId,
        timer.TokenId,
        timer.TaskId,
        timer.Kind,
        DueAt = SqlTime.Write(timer.DueAt),
        PayloadJson = SqlJson.WriteOptional(timer.Payload),
        timer.Status,
        CreatedAt = SqlTime.Write(timer.CreatedAt),
    };
}
