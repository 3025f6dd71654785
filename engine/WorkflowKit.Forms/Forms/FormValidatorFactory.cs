using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using FluentValidation;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Forms.Validation;

namespace WorkflowKit.Forms;

/// <summary>
/// Builds the FluentValidation validator of a form definition for one culture. The same
/// validator checks a submission from the Blazor form, the REST API and every import row
/// (through <see cref="FormSubmissionService.ValidateAsync"/>). Validators contain asynchronous
/// rules (uniqueness, directory look-ups), so call <c>ValidateAsync</c>.
/// </summary>
public sealed class FormValidatorFactory
{
    private readonly ConditionalWeakTable<FormDefinition, ConcurrentDictionary<string,
        IValidator<FormSubmission>>> _cache =
        [];

    public FormValidatorFactory(FormValidationServices services)
    {
        ArgumentNullException.ThrowIfNull(services);
        Services = services;
    }

    public FormValidationServices Services { get; }

    /// <summary>
    /// The validator of <paramref name="form"/> with messages in <paramref name="culture"/>;
    /// cached per definition instance and culture, so treat a definition as immutable once used.
    /// </summary>
    /// <exception cref="ArgumentException">A field's pattern is not a valid regular expression.</exception>
    /// <exception cref="InvalidOperationException">A rule needs a service that <see cref="Services"/>
    /// lacks.</exception>
    public IValidator<FormSubmission> Create(FormDefinition form, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(culture);
        var byCulture = _cache.GetValue(form, _ => new ConcurrentDictionary<string,
            IValidator<FormSubmission>>(StringComparer.Ordinal));
        return byCulture.GetOrAdd(culture.Name, _ => new JsonObjectValidator<FormSubmission>(
            form, form.Fields, table: null, submission => new FieldScope(submission.Data, submission, null),
            Services, FormMessages.For(culture)));
    }
}
