namespace WorkflowKit.Forms;

/// <summary>The outcome of validating a submission: no errors means valid.</summary>
public sealed record FormValidationResult(IReadOnlyList<FieldError> Errors)
{
    public static FormValidationResult Valid { get; } = new([]);

    public bool IsValid => Errors.Count == 0;
}
