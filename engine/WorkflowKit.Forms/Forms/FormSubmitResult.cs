using WorkflowKit.Records;

namespace WorkflowKit.Forms;

/// <summary>The record written by a submission, or the errors that stopped it (then nothing was written).</summary>
public sealed record FormSubmitResult(RecordEntry? Record, IReadOnlyList<FieldError> Errors)
{
    public bool Succeeded => Record is not null && Errors.Count == 0;
}
