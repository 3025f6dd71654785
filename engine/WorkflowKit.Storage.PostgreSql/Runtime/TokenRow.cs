using WorkflowKit.Runtime.Storage;

namespace WorkflowKit.Storage.PostgreSql.Runtime;

/// <summary>A wk_tokens row as Dapper reads it.</summary>
internal sealed class TokenRow
{
    public const string Columns =
        "id AS Id, instance_id AS InstanceId, node_id AS NodeId, status AS Status, edge_id AS EdgeId, scope AS Scope, " +
        "trail_json AS TrailJson, wait_kind AS WaitKind, wait_ref AS WaitRef, wait_state_json AS WaitStateJson, " +
        "visit_id AS VisitId, seq AS Seq, created_at AS CreatedAt, updated_at AS UpdatedAt";

    public string Id { get; set; } = string.Empty;

    public string InstanceId { get; set; } = string.Empty;

    public string NodeId { get; set; } = string.Empty;

    public string Status { get; set; } = string.Empty;

    public string? EdgeId { get; set; }

    public string Scope { get; set; } = string.Empty;

    public string TrailJson { get; set; } = "[]";

    public string? WaitKind { get; set; }

    public string? WaitRef { get; set; }

    public string? WaitStateJson { get; set; }

    public string? VisitId { get; set; }

    public long Seq { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public TokenRecord ToRecord() => new()
    {
        Id = Id,
        InstanceId = InstanceId,
        NodeId = NodeId,
        Status = Status,
        EdgeId = EdgeId,
        Scope = Scope,
        Trail = SqlJson.Strings(TrailJson),
        WaitKind = WaitKind,
        WaitRef = WaitRef,
        WaitState = SqlJson.OptionalObject(WaitStateJson),
        VisitId = VisitId,
        Seq = Seq,
        CreatedAt = SqlTime.Read(CreatedAt),
        UpdatedAt = SqlTime.Read(UpdatedAt),
    };

    public static object Parameters(TokenRecord token) => new
    {
        token.Id,
        token.InstanceId,
        token.NodeId,
        token.Status,
        token.EdgeId,
        token.Scope,
        TrailJson = SqlJson.WriteStrings(token.Trail),
        token.WaitKind,
        token.WaitRef,
        WaitStateJson = SqlJson.WriteOptional(token.WaitState),
        token.VisitId,
        token.Seq,
        CreatedAt = SqlTime.Write(token.CreatedAt),
        UpdatedAt = SqlTime.Write(token.UpdatedAt),
    };
}
