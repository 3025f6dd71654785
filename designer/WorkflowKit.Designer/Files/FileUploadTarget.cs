namespace WorkflowKit.Designer.Files;

/// <summary>
/// The field an upload is for, and the form version whose limits apply. With <see cref="InstanceId"/>, the limits are
/// those of the form version the instance's flow version is bound to. With <see cref="FlowKey"/>, they come from the
/// version that a new start of the flow binds. With neither, as for a record, the latest published form version
/// applies.
/// </summary>
/// <param name="FormKey">The key of the form whose field takes the file.</param>
/// <param name="FieldPath">A field id, or <c>table.column</c> for a sub-table column.</param>
public sealed record FileUploadTarget(string FormKey, string FieldPath)
{
    /// <summary>The instance whose task form the file is for; the user must be able to read the instance.</summary>
    public string? InstanceId { get; init; }

    /// <summary>The flow whose start form the file is for; the user must be able to start the flow.</summary>
    public string? FlowKey { get; init; }
}
