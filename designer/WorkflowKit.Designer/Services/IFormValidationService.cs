using System.Text.Json.Nodes;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Forms;

namespace WorkflowKit.Designer.Services;

/// <summary>Runs a form's rules on submitted data; the UI, the API and imports all call this one service.</summary>
public interface IFormValidationService
{
    Task<IReadOnlyList<FieldError>> ValidateAsync(
        FormDefinition form, JsonObject data, string culture, CancellationToken cancellationToken) =>
        ValidateAsync(form, data, culture, FormCheckOptions.Full, cancellationToken);

    /// <summary>Runs the form's rules selected by <paramref name="options"/>, as the engine runs them at that place.</summary>
    Task<IReadOnlyList<FieldError>> ValidateAsync(
        FormDefinition form, JsonObject data, string culture, FormCheckOptions options,
        CancellationToken cancellationToken);

    /// <summary>
    /// Runs the rules of <paramref name="options"/> once on <paramref name="baseline"/>, the data as a task page
    /// loaded it, and returns the options with its problems in <see cref="FormCheckOptions.BaselineProblems"/>.
    /// </summary>
    Task<FormCheckOptions> WithBaselineAsync(
        FormDefinition form, JsonObject baseline, FormCheckOptions options, CancellationToken cancellationToken);
}

/// <summary>Which of a form's rules a page runs, so that it rejects exactly what the engine would reject.</summary>
/// <param name="ChecksUniqueness">
/// Whether <c>unique</c> fields are checked against the records: at a start only when the start creates a record
/// (<c>settings.startCreatesRecord</c>), as the engine does.
/// </param>
public sealed record FormCheckOptions(bool ChecksUniqueness = true)
{
    /// <summary>Every rule, as for a record saved from a form or an import.</summary>
    public static FormCheckOptions Full { get; } = new();

    /// <summary>
    /// The stored record that the page edits, whose own unique values are not duplicates; null for new data.
    /// </summary>
    public long? RecordId { get; init; }

    /// <summary>
    /// The problems of the data as it was before the user's changes, on a task page; null elsewhere. These problems
    /// are not reported, because the engine lets a task pass the problems it found, such as the credit review's
    /// customer code that the customer record already uses. <see cref="IFormValidationService.WithBaselineAsync"/>
    /// finds them once per page load.
    /// </summary>
    /// <remarks>Each problem is identified as <see cref="CausedProblems.IdentityOf"/> identifies it.</remarks>
    public IReadOnlySet<(string Field, string Code, string? Value)>? BaselineProblems { get; init; }
}
