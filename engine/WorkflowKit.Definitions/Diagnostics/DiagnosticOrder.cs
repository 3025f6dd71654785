namespace WorkflowKit.Definitions.Diagnostics;

/// <summary>Sorts diagnostics for reading: by file, each cause followed by the diagnostics that follow from it.</summary>
public static class DiagnosticOrder
{
    /// <summary>
    /// Removes duplicates and sorts by file, line, column and code, then moves every diagnostic whose
    /// <see cref="Diagnostic.Cause"/> is in the same list to just after that cause. A diagnostic whose cause is not
    /// in the list keeps its place.
    /// </summary>
    public static IReadOnlyList<Diagnostic> CausesFirst(IEnumerable<Diagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(diagnostics);
        var sorted = diagnostics
            .Distinct()
            .OrderBy(diagnostic => diagnostic.File, StringComparer.Ordinal)
            .ThenBy(diagnostic => diagnostic.Line)
            .ThenBy(diagnostic => diagnostic.Column)
            .ThenBy(diagnostic => diagnostic.Code, StringComparer.Ordinal)
            .ToList();
        var causes = sorted.Select(diagnostic => (diagnostic.File, diagnostic.Code, diagnostic.Pointer)).ToHashSet();
        var consequences = sorted
            .Where(diagnostic => diagnostic.Cause is { } cause
                && causes.Contains((diagnostic.File, cause.Code, cause.Pointer)))
            .ToLookup(diagnostic => (diagnostic.File, diagnostic.Cause!.Code, diagnostic.Cause.Pointer));

        var ordered = new List<Diagnostic>(sorted.Count);
        var placed = new HashSet<Diagnostic>();
        foreach (var diagnostic in sorted.Where(diagnostic => !IsConsequence(diagnostic, causes)))
        {
            if (!placed.Add(diagnostic))
            {
                continue;
            }

            ordered.Add(diagnostic);
            ordered.AddRange(consequences[(diagnostic.File, diagnostic.Code, diagnostic.Pointer)]
                .Where(placed.Add));
        }

        // The checkers link every consequence to its root cause. A consequence of a consequence is still listed,
        // after all the others.
        ordered.AddRange(sorted.Where(placed.Add));
        return ordered;
    }

    private static bool IsConsequence(Diagnostic diagnostic, HashSet<(string, string, string)> causes) =>
        diagnostic.Cause is { } cause && causes.Contains((diagnostic.File, cause.Code, cause.Pointer));
}
