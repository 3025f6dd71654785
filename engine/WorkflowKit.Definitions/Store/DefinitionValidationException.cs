using WorkflowKit.Definitions.Diagnostics;

namespace WorkflowKit.Definitions.Store;

/// <summary>
/// A publish or import was refused because validation found errors; nothing was written.
/// <see cref="Diagnostics"/> holds every finding, warnings included.
/// </summary>
public sealed class DefinitionValidationException : Exception
{
    public DefinitionValidationException()
        : this("The definitions have validation errors.", [])
    {
    }

    public DefinitionValidationException(string message)
        : this(message, [])
    {
    }

    public DefinitionValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Diagnostics = [];
    }

    public DefinitionValidationException(string subject, IReadOnlyList<Diagnostic> diagnostics)
        : base(Describe(subject, diagnostics))
    {
        Diagnostics = diagnostics;
    }

    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    private static string Describe(string subject, IReadOnlyList<Diagnostic> diagnostics)
    {
        var errors = diagnostics.Where(diagnostic => diagnostic.IsError).ToList();
        if (errors.Count == 0)
        {
            return subject;
        }

        var shown = string.Join(Environment.NewLine, errors.Take(5).Select(error => "  " + error));
        var more = errors.Count > 5 ? $"{Environment.NewLine}  … and {errors.Count - 5} more" : string.Empty;
        return $"{subject} has {errors.Count} validation error(s); nothing was written. Fix them and retry:" +
               $"{Environment.NewLine}{shown}{more}";
    }
}
