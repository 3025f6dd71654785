namespace WorkflowKit.Records;

/// <summary>
/// Names of record bookkeeping columns usable in filters and sort orders. They start with '$'
/// so that they never collide with form field ids (letters, digits and underscores).
/// </summary>
public static class RecordSystemFields
{
    public const string Id = "$id";
    public const string SerialNumber = "$serial";
    public const string CreatedBy = "$createdBy";
    public const string CreatedAt = "$createdAt";
    public const string UpdatedAt = "$updatedAt";
    public const string InstanceId = "$instanceId";

    public static IReadOnlySet<string> All { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        Id, SerialNumber, CreatedBy, CreatedAt, UpdatedAt, InstanceId,
    };
}
