using WorkflowKit.Runtime.Storage;

namespace WorkflowKit.Storage.PostgreSql.Runtime;

/// <summary>A wk_instances row as Dapper reads it.</summary>
internal sealed class InstanceRow
{
    public const string Columns =
        "id AS Id, flow_key AS FlowKey, flow_version AS FlowVersion, status AS Status, trigger_kind AS TriggerKind, " +
        "initiator AS Initiator, idempotency_key AS IdempotencyKey, parent_instance_id AS ParentInstanceId, " +
        "parent_token_id AS ParentTokenId, form_json AS FormJson, state_json AS StateJson, end_node_id AS EndNodeId, " +
        "acted AS Acted, version AS Version, started_at AS StartedAt, updated_at AS UpdatedAt, ended_at AS EndedAt";

    public string Id { get; set; } = string.Empty;

    public string FlowKey { get; set; } = string.Empty;

    public long FlowVersion { get; set; }

    public string Status { get; set; } = string.Empty;

    public string TriggerKind { get; set; } = string.Empty;

    public string Initiator { get; set; } = string.Empty;

    public string? IdempotencyKey { get; set; }

    public string? ParentInstanceId { get; set; }

    public string? ParentTokenId { get; set; }

    public string FormJson { get; set; } = "{}";

    public string StateJson { get; set; } = "{}";

    public string? EndNodeId { get; set; }

    public bool Acted { get; set; }

    public long Version { get; set; }

    public DateTime StartedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public DateTime? EndedAt { get; set; }

    public InstanceRecord ToRecord() => new()
    {
        Id = Id,
        FlowKey = FlowKey,
        FlowVersion = (int)FlowVersion,
        Status = Status,
        TriggerKind = TriggerKind,
        Initiator = Initiator,
        IdempotencyKey = IdempotencyKey,
        ParentInstanceId = ParentInstanceId,
        ParentTokenId = ParentTokenId,
        Form = SqlJson.Object(FormJson),
        State = SqlJson.Object(StateJson),
        EndNodeId = EndNodeId,
        Acted = Acted,
        Version = Version,
        StartedAt = SqlTime.Read(StartedAt),
        UpdatedAt = SqlTime.Read(UpdatedAt),
        EndedAt = SqlTime.ReadOptional(EndedAt),
    };

    public static object Parameters(InstanceRecord record) => new
    {
        record.Id,
        record.FlowKey,
        record.FlowVersion,
        record.Status,
        record.TriggerKind,
        record.Initiator,
        record.IdempotencyKey,
        record.ParentInstanceId,
        record.ParentTokenId,
        FormJson = SqlJson.Write(record.Form),
        StateJson = SqlJson.Write(record.State),
        record.EndNodeId,
        Acted = record.Acted,
        record.Version,
        StartedAt = SqlTime.Write(record.StartedAt),
        UpdatedAt = SqlTime.Write(record.UpdatedAt),
        EndedAt = SqlTime.Write(record.EndedAt),
    };
}
