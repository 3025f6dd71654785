using WorkflowKit.Storage;

namespace WorkflowKit.Records;

/// <summary>Who writes a record and in which transaction; a null transaction writes in its own.</summary>
public sealed record RecordWriteContext(string UserId, IStorageTransaction? Transaction = null, string? InstanceId = null)
{
    /// <summary>
    /// Whether a create keeps the serial numbers given in the data, as an import of historical records does. A kept
    /// number must fit the field's pattern (<see cref="SerialNumberPattern.TryRead"/>), and the store moves the
    /// field's counter for that period up to it, so that later numbers come after it. An empty value still gets the
    /// next number. When false, the store assigns every serial number and ignores given ones.
    /// </summary>
    public bool KeepGivenSerials { get; init; }

    /// <summary>
    /// The number of record triggers in a row that started the instance writing this record: 0 for a user's or an
    /// import's write and for an instance that no record trigger started. The engine stops a chain that grows too
    /// long, such as a flow that updates the record that starts it.
    /// </summary>
    public int TriggerDepth { get; init; }
}
