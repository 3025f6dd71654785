namespace WorkflowKit.Designer.Services;

/// <summary>Submitted form data broke the form's rules; <see cref="Errors"/> lists them per field.</summary>
public sealed class FormValidationException : Exception
{
    public FormValidationException(IReadOnlyList<FieldError> errors)
        : base(Describe(errors))
    {
        Errors = errors;
    }

    public FormValidationException(string message)
        : base(message)
    {
        Errors = [];
    }

    public FormValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [];
    }

    public FormValidationException()
    {
        Errors = [];
    }

    public IReadOnlyList<FieldError> Errors { get; }

    private static string Describe(IReadOnlyList<FieldError> errors) =>
        "The form data is not valid: " + string.Join("; ", errors.Select(error => $"{error.Field}: {error.Message}"));
}
