using WorkflowKit.Records;
using WorkflowKit.Storage;

namespace WorkflowKit.Runtime.Services;

/// <summary>The parts of the calling step that an <see cref="IFlowService"/> can use.</summary>
public sealed record FlowServiceContext
{
    /// <summary>The step's transaction; pass it to every read so the service reads the step's own writes.</summary>
    public required IStorageTransaction Transaction { get; init; }

    /// <summary>The engine's record store. Read only.</summary>
    public required IRecordStore Records { get; init; }

    /// <summary>The step's clock reading (UTC).</summary>
    public required DateTimeOffset Now { get; init; }

    /// <summary>The flow's time zone, in which "today" is reckoned.</summary>
    public required TimeZoneInfo TimeZone { get; init; }

    public required string InstanceId { get; init; }

    public required string FlowKey { get; init; }

    public required string NodeId { get; init; }
}
