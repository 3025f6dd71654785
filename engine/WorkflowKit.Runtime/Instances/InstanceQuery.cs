namespace WorkflowKit.Runtime.Instances;

/// <summary>Filters for listing instances; unset filters match everything. Newest first.</summary>
public sealed record InstanceQuery
{
    public string? FlowKey { get; init; }

    public string? Status { get; init; }

    public string? Initiator { get; init; }

    public string? ParentInstanceId { get; init; }

    /// <summary>How the instances were started, one of <see cref="TriggerKinds"/>.</summary>
    public string? TriggerKind { get; init; }

    public int Offset { get; init; }

    public int Limit { get; init; } = 50;
}
