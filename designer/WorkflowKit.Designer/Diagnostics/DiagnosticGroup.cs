using WorkflowKit.Designer.Services;

namespace WorkflowKit.Designer.Diagnostics;

/// <summary>A diagnostic with the diagnostics that follow from it, shown folded under it.</summary>
public sealed record DiagnosticGroup(DesignerDiagnostic Lead, IReadOnlyList<DesignerDiagnostic> Consequences)
{
    /// <summary>
    /// Groups each diagnostic under the one its <see cref="DesignerDiagnostic.Cause"/> names. Groups keep the order
    /// of their leads, and a diagnostic whose cause is not in the list leads a group of its own.
    /// </summary>
    public static IReadOnlyList<DiagnosticGroup> Build(IReadOnlyList<DesignerDiagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(diagnostics);
        var leads = diagnostics.Select(diagnostic => (diagnostic.Code, diagnostic.Pointer)).ToHashSet();
        bool Follows(DesignerDiagnostic diagnostic) =>
            diagnostic.Cause is { } cause && leads.Contains((cause.Code, cause.Pointer))
            && (cause.Code, cause.Pointer) != (diagnostic.Code, diagnostic.Pointer);

        var consequences = diagnostics.Where(Follows)
            .ToLookup(diagnostic => (diagnostic.Cause!.Code, diagnostic.Cause.Pointer));
        return [.. diagnostics.Where(diagnostic => !Follows(diagnostic))
            .Select(diagnostic => new DiagnosticGroup(
                diagnostic, [.. consequences[(diagnostic.Code, diagnostic.Pointer)]]))];
    }
}
