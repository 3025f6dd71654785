using WorkflowKit.Runtime.Storage;

namespace WorkflowKit.Storage.PostgreSql.Runtime;

/// <summary>A wk_tasks row as Dapper reads it.</summary>
internal sealed class TaskRow
{
    public const string Columns =
        "id AS Id, instance_id AS InstanceId, token_id AS TokenId, visit_id AS VisitId, node_id AS NodeId, " +
        "flow_key AS FlowKey, flow_version AS FlowVersion, kind AS Kind, status AS Status, assignee AS Assignee, " +
        "original_assignee AS OriginalAssignee, outcome AS Outcome, comment AS Comment, seq AS Seq, version AS Version, " +
        "created_at AS CreatedAt, due_at AS DueAt, completed_at AS CompletedAt, completed_by AS CompletedBy";

    public string Id { get; set; } = string.Empty;

    public string InstanceId { get; set; } = string.Empty;

    public string TokenId { get; set; } = string.Empty;

    public string VisitId { get; set; } = string.Empty;

    public string NodeId { get; set; } = string.Empty;

    public string FlowKey { get; set; } = string.Empty;

    public long FlowVersion { get; set; }

    public string Kind { get; set; } = string.Empty;

    public string Status { get; set; } = string.Empty;

    public string Assignee { get; set; } = string.Empty;

    public string OriginalAssignee { get; set; } = string.Empty;

    public string? Outcome { get; set; }

    public string? Comment { get; set; }

    public long Seq { get; set; }

    public long Version { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? DueAt { get; set; }

    public DateTime? CompletedAt { get; set; }

    public string? CompletedBy { get; set; }

    public TaskRecord ToRecord() => new()
    {
        Id = Id,
        InstanceId = InstanceId,
        TokenId = TokenId,
        VisitId = VisitId,
        NodeId = NodeId,
        FlowKey = FlowKey,
        FlowVersion = (int)FlowVersion,
        Kind = Kind,
        Status = Status,
        Assignee = Assignee,
        OriginalAssignee = OriginalAssignee,
        Outcome = Outcome,
        Comment = Comment,
        Seq = Seq,
        Version = Version,
        CreatedAt = SqlTime.Read(CreatedAt),
        DueAt = SqlTime.ReadOptional(DueAt),
        CompletedAt = SqlTime.ReadOptional(CompletedAt),
        CompletedBy = CompletedBy,
    };

    public static object Parameters(TaskRecord task) => new
    {
        task.Id,
        task.InstanceId,
        task.TokenId,
        task.VisitId,
        task.NodeId,
        task.FlowKey,
        task.FlowVersion,
        task.Kind,
        task.Status,
        task.Assignee,
        task.OriginalAssignee,
        task.Outcome,
        task.Comment,
        task.Seq,
        task.Version,
        CreatedAt = SqlTime.Write(task.CreatedAt),
        DueAt = SqlTime.Write(task.DueAt),
        CompletedAt = SqlTime.Write(task.CompletedAt),
        task.CompletedBy,
    };
}
