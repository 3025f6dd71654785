namespace WorkflowKit.Files;

/// <summary>
/// An instance or a record that may hold a file in its data: a linked instance (<see cref="FormKey"/> and
/// <see cref="RecordId"/> null), a record that a linked instance wrote (all three set), or a linked record
/// (<see cref="InstanceId"/> null).
/// </summary>
public sealed record FileHolder(string? InstanceId, string? FormKey, long? RecordId);
