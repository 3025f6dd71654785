namespace WorkflowKit.Files;

/// <summary>
/// An instance or a record that may hold a file in its data: the linked instance itself (<see cref="FormKey"/> and
/// <see cref="RecordId"/> null), or a record that the linked instance wrote.
/// </summary>
public sealed record FileHolder(string InstanceId, string? FormKey, long? RecordId);
