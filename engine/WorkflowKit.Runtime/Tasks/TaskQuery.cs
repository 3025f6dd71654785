namespace WorkflowKit.Runtime.Tasks;

/// <summary>Filters for listing tasks; open tasks by default, oldest first.</summary>
public sealed record TaskQuery
{
    public string? Assignee { get; init; }

    public string? InstanceId { get; init; }

    public string? NodeId { get; init; }

    /// <summary>Task status to match; null matches every status.</summary>
    public string? Status { get; init; } = TaskStatuses.Open;

    public int Offset { get; init; }

    public int Limit { get; init; } = 100;
}
