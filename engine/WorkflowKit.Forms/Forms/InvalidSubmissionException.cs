namespace WorkflowKit.Forms;

/// <summary>
/// A submission was rejected by its form's validators and nothing was written.
/// <see cref="Errors"/> names each invalid field (such as <c>lines[2].quantity</c>) with its message.
/// </summary>
public sealed class InvalidSubmissionException : ArgumentException
{
    public InvalidSubmissionException()
        : this("form", [])
    {
    }

    public InvalidSubmissionException(string message)
        : base(message)
    {
        FormKey = string.Empty;
        Errors = [];
    }

    public InvalidSubmissionException(string message, Exception innerException)
        : base(message, innerException)
    {
        FormKey = string.Empty;
        Errors = [];
    }

    public InvalidSubmissionException(string formKey, IReadOnlyList<FieldError> errors)
        : base(Describe(formKey, errors))
    {
        FormKey = formKey;
        Errors = errors;
    }

    public string FormKey { get; }

    public IReadOnlyList<FieldError> Errors { get; }

    private static string Describe(string formKey, IReadOnlyList<FieldError> errors)
    {
        var fields = string.Join("; ", errors.Select(error =>
            string.IsNullOrEmpty(error.Path) ? error.Message : $"{error.Path}: {error.Message}"));
        return $"The submission of form '{formKey}' is invalid, so nothing was started. Fix these fields and " +
               $"submit again: {fields}";
    }
}
