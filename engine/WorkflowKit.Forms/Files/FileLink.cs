namespace WorkflowKit.Files;

/// <summary>
/// An instance or a record whose data named a file when it was written. Downloads by users other than the uploader
/// are allowed through these links, to readers of the instance or the record, and the file sweep keeps linked files.
/// Exactly one of <see cref="InstanceId"/> and the pair <see cref="FormKey"/>, <see cref="RecordId"/> is set.
/// </summary>
public sealed record FileLink
{
    private FileLink(string fileId, string? instanceId, string? formKey, long? recordId)
    {
        ArgumentException.ThrowIfNullOrEmpty(fileId);
        FileId = fileId;
        InstanceId = instanceId;
        FormKey = formKey;
        RecordId = recordId;
    }

    public string FileId { get; }

    public string? InstanceId { get; }

    public string? FormKey { get; }

    public long? RecordId { get; }

    /// <summary>Links a file to a flow instance whose form data names it.</summary>
    public static FileLink ToInstance(string fileId, string instanceId)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        return new(fileId, instanceId, null, null);
    }

    /// <summary>Links a file to a record whose data names it.</summary>
    public static FileLink ToRecord(string fileId, string formKey, long recordId)
    {
        ArgumentException.ThrowIfNullOrEmpty(formKey);
        return new(fileId, null, formKey, recordId);
    }

    /// <summary>The holder in words, for error messages: "instance X" or "record 7 of form 'orders'".</summary>
    public string Holder => InstanceId is { } instance ? $"instance {instance}" : $"record {RecordId} of form '{FormKey}'";
}
