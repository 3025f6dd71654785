namespace WorkflowKit.Designer.Forms;

/// <summary>
/// Where a rendered form's uploads go: the instance of a task, the flow being started, or the form designer's preview.
/// <see cref="FileFieldInput"/> reads it to check uploads against the form version the page shows.
/// </summary>
/// <param name="InstanceId">The instance whose task form is shown.</param>
/// <param name="FlowKey">The flow whose start form is shown.</param>
/// <param name="Preview">
/// Whether the form is a draft in the designer's preview. Its uploads are checked against the draft's limits and not
/// stored, because a draft's fields exist in no published version yet.
/// </param>
public sealed record FileUploadScope(string? InstanceId = null, string? FlowKey = null, bool Preview = false);
