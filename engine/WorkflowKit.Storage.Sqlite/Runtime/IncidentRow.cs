using WorkflowKit.Runtime.Incidents;

namespace WorkflowKit.Storage.Sqlite.Runtime;

/// <summary>A wk_incidents row as Dapper reads it.</summary>
internal sealed class IncidentRow
{
    public const string Columns =
        "id AS Id, instance_id AS InstanceId, token_id AS TokenId, node_id AS NodeId, kind AS Kind, message AS Message, " +
        "created_at AS CreatedAt, resolved_at AS ResolvedAt, resolved_by AS ResolvedBy, resolution AS Resolution";

    public string Id { get; set; } = string.Empty;

    public string InstanceId { get; set; } = string.Empty;

    public string? TokenId { get; set; }

    public string? NodeId { get; set; }

    public string Kind { get; set; } = string.Empty;

    public string Message { get; set; } = string.Empty;

    public string CreatedAt { get; set; } = string.Empty;

    public string? ResolvedAt { get; set; }

    public string? ResolvedBy { get; set; }

    public string? Resolution { get; set; }

    public Incident ToIncident() => new(
        Id, InstanceId, TokenId, NodeId, Kind, Message, SqlTime.Read(CreatedAt), SqlTime.ReadOptional(ResolvedAt),
        ResolvedBy, Resolution);
}
