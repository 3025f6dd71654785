using System.Globalization;
using System.Text.Json.Nodes;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Forms;

namespace WorkflowKit.Designer.Services;

/// <summary>
/// Runs the forms library's FluentValidation validators, the same ones imports and the engine's
/// record writes use, and reports the broken rules per field path.
/// </summary>
public sealed class FormsValidationService(FormValidatorFactory factory) : IFormValidationService
{
    public async Task<IReadOnlyList<FieldError>> ValidateAsync(
        FormDefinition form, JsonObject data, string culture, FormCheckOptions options,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(options);
        var name = culture.StartsWith("zh", StringComparison.Ordinal) ? "zh-CN" : "en";
        var validator = factory.Create(form, CultureInfo.GetCultureInfo(name));
        var result = await validator.ValidateAsync(
            new FormSubmission(data) { ChecksUniqueness = options.ChecksUniqueness, RecordId = options.RecordId },
            cancellationToken);
        var failures = result.Errors;
        if (options.BaselineProblems is { Count: > 0 } earlier)
        {
            failures = [.. CausedProblems.Except(failures, earlier)];
        }

        return [.. failures.Select(error => new FieldError(error.PropertyName, error.ErrorMessage))];
    }

    public async Task<FormCheckOptions> WithBaselineAsync(
        FormDefinition form, JsonObject baseline, FormCheckOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(options);

        // Rule codes and values do not depend on the language of the messages, so English serves every page.
        var validator = factory.Create(form, CultureInfo.GetCultureInfo("en"));
        var result = await validator.ValidateAsync(
            new FormSubmission(baseline) { ChecksUniqueness = options.ChecksUniqueness }, cancellationToken);
        return options with { BaselineProblems = CausedProblems.IdentitiesOf(result.Errors) };
    }
}
