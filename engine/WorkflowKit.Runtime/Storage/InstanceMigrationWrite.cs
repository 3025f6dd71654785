namespace WorkflowKit.Runtime.Storage;

/// <summary>The rows a migration changes beyond what an ordinary step writes.</summary>
/// <param name="InstanceId">The instance that moves.</param>
/// <param name="ExpectedVersion">The instance's row version that the migration was planned and loaded at.</param>
/// <param name="FlowVersion">The flow version the instance moves to.</param>
/// <param name="Tasks">Open tasks whose <see cref="TaskRecord.NodeId"/>, <see cref="TaskRecord.FlowVersion"/>
/// and <see cref="TaskRecord.Kind"/> are written.</param>
/// <param name="CancelledTimerIds">Pending timers of nodes that no longer have them.</param>
public sealed record InstanceMigrationWrite(
    string InstanceId,
    long ExpectedVersion,
    int FlowVersion,
    IReadOnlyCollection<TaskRecord> Tasks,
    IReadOnlyCollection<string> CancelledTimerIds);
