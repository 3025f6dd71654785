using WorkflowKit.Storage;

namespace WorkflowKit.Records;

/// <summary>Who writes a record and in which transaction; a null transaction writes in its own.</summary>
public sealed record RecordWriteContext(string UserId, IStorageTransaction? Transaction = null, string? InstanceId = null);
