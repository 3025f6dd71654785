using System.Text.Json.Nodes;
using FluentValidation.Results;

namespace WorkflowKit.Forms;

/// <summary>
/// Tells the problems a change causes from those the data had before it, so that data imported or written with an
/// old mistake can still be edited. The engine (a record node's update, a task action) and the pages (a task's form)
/// use the same rule.
/// </summary>
public static class CausedProblems
{
    /// <summary>
    /// Identifies a problem by field path, rule code and value, so that a field changed to another value that breaks
    /// the same rule (a unique code changed to another used code) is a new problem.
    /// </summary>
    public static (string Field, string Code, string? Value) IdentityOf(ValidationFailure failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return (failure.PropertyName, failure.ErrorCode, (failure.AttemptedValue as JsonNode)?.ToJsonString());
    }

    /// <summary>
    /// Returns the identities of <paramref name="earlier"/> problems, to keep for several checks of one change.
    /// </summary>
    public static IReadOnlySet<(string Field, string Code, string? Value)> IdentitiesOf(
        IEnumerable<ValidationFailure> earlier)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        return earlier.Select(IdentityOf).ToHashSet();
    }

    /// <summary>
    /// Returns the problems of <paramref name="failures"/> whose identity is not among <paramref name="earlier"/>.
    /// </summary>
    public static IReadOnlyList<ValidationFailure> Except(
        IEnumerable<ValidationFailure> failures, IReadOnlySet<(string Field, string Code, string? Value)> earlier)
    {
        ArgumentNullException.ThrowIfNull(failures);
        ArgumentNullException.ThrowIfNull(earlier);
        return [.. failures.Where(failure => !earlier.Contains(IdentityOf(failure)))];
    }
}
