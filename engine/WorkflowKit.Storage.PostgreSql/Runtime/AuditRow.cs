using WorkflowKit.Runtime.Audit;

namespace WorkflowKit.Storage.PostgreSql.Runtime;

/// <summary>A wk_audit row as Dapper reads it.</summary>
internal sealed class AuditRow
{
    public const string Columns =
        "id AS Id, instance_id AS InstanceId, at AS At, actor AS Actor, action AS Action, node_id AS NodeId, " +
        "task_id AS TaskId, comment AS Comment, form_json AS FormJson, details_json AS DetailsJson";

    public long Id { get; set; }

    public string InstanceId { get; set; } = string.Empty;

    public DateTime At { get; set; }

    public string Actor { get; set; } = string.Empty;

    public string Action { get; set; } = string.Empty;

    public string? NodeId { get; set; }

    public string? TaskId { get; set; }

    public string? Comment { get; set; }

    public string? FormJson { get; set; }

    public string? DetailsJson { get; set; }

    public AuditEntry ToEntry() => new(
        Id, InstanceId, SqlTime.Read(At), Actor, Action, NodeId, TaskId, Comment, SqlJson.OptionalObject(FormJson),
        SqlJson.OptionalObject(DetailsJson));
}
