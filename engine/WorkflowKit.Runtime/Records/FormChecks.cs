using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using FluentValidation.Results;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Expressions;
using WorkflowKit.Forms;
using WorkflowKit.Organization;
using WorkflowKit.Records;
using WorkflowKit.Storage;

namespace WorkflowKit.Runtime.Records;

/// <summary>
/// The form rules that the engine runs on the data it accepts: a start's and a resubmission's form, a task's changes
/// to an instance's form, and the records that record nodes write. These are the FluentValidation validators that
/// the form runtime, the REST API and imports use, reading the engine's directory and record store.
/// </summary>
/// <param name="organization">The directory that member and department fields and user rules read.</param>
/// <param name="records">The store that unique, lookup and related fields are checked against.</param>
/// <param name="reader">Reads lookup and related records with the submitting user's permissions, so a user can only
/// name records they may read; null reads them through the store.</param>
/// <param name="time">The engine's clock, for the rules' JavaScript.</param>
/// <param name="files">The uploads that file field values must name; null checks only their shape. Record nodes
/// write what the engine already accepted, so their checks allow files of any uploader but still check each file
/// against the record field's type and limits.</param>
internal sealed class FormChecks(
    IOrganizationDirectory organization, IRecordStore records, Permissions.RecordReader? reader, TimeProvider time,
    WorkflowKit.Files.IFileStore? files = null)
{
    private readonly ConditionalWeakTable<FormDefinition, StrongBox<bool>> _readsUser = [];
    private FormValidatorFactory? _validators;
    private FormValidatorFactory? _systemValidators;

    /// <summary>The script host of the rules' JavaScript conditions, on the engine's clock.</summary>
    public ScriptHost Scripts { get; } = new(timeProvider: time);

    private FormValidatorFactory Validators => _validators ??= new FormValidatorFactory(
        new FormValidationServices
        {
            Directory = organization,
            Records = records,
            Reader = reader,
            Conditions = new ConditionEvaluator(Scripts),
            Time = time,
            Files = files,
        });

    /// <summary>The validators of what the engine itself writes, which read records past any user's permissions.</summary>
    private FormValidatorFactory SystemValidators => _systemValidators ??= new FormValidatorFactory(
        new FormValidationServices
        {
            Directory = organization,
            Records = records,
            Conditions = new ConditionEvaluator(Scripts),
            Time = time,
            Files = files,
            FilesOfAnyUploader = true,
        });

    /// <summary>Validates form data and raises the field errors together.</summary>
    /// <exception cref="InvalidSubmissionException">A field or a rule of the form is not met.</exception>
    public async Task ValidateAsync(
        FormDefinition form, FormSubmission submission, CultureInfo culture, CancellationToken cancellationToken)
    {
        var errors = await FindErrorsAsync(Validators, form, submission, culture, cancellationToken).ConfigureAwait(false);
        if (errors.Count > 0)
        {
            throw new InvalidSubmissionException(form.Key, errors);
        }
    }

    /// <summary>
    /// Validates form data that a user changed and returns the field errors that the changes caused: those that
    /// <paramref name="before"/>, the data as it was, does not have. Empty when the changes broke no rule.
    /// </summary>
    public Task<IReadOnlyList<FieldError>> FindCausedErrorsAsync(
        FormDefinition form, FormSubmission after, FormSubmission before, CultureInfo culture,
        CancellationToken cancellationToken) =>
        FindCausedErrorsAsync(Validators, form, after, before, culture, cancellationToken);

    /// <summary>
    /// Returns the errors of <paramref name="after"/>, without those that <paramref name="before"/> has too (by field
    /// path, rule code and value, so that a unique code changed to another used code counts). With no
    /// <paramref name="before"/> every error counts.
    /// </summary>
    private static async Task<IReadOnlyList<FieldError>> FindCausedErrorsAsync(
        FormValidatorFactory validators, FormDefinition form, FormSubmission after, FormSubmission? before,
        CultureInfo culture, CancellationToken cancellationToken)
    {
        var validator = validators.Create(form, culture);
        var failures = (await validator.ValidateAsync(after, cancellationToken).ConfigureAwait(false)).Errors;
        if (failures.Count > 0 && before is not null)
        {
            var earlier = (await validator.ValidateAsync(before, cancellationToken).ConfigureAwait(false)).Errors;
            failures = [.. CausedProblems.Except(failures, CausedProblems.IdentitiesOf(earlier))];
        }

        return ToFieldErrors(failures);
    }

    private static async Task<IReadOnlyList<FieldError>> FindErrorsAsync(
        FormValidatorFactory validators, FormDefinition form, FormSubmission submission, CultureInfo culture,
        CancellationToken cancellationToken)
    {
        var result = await validators.Create(form, culture).ValidateAsync(submission, cancellationToken)
            .ConfigureAwait(false);
        return ToFieldErrors(result.Errors);
    }

    private static IReadOnlyList<FieldError> ToFieldErrors(IEnumerable<ValidationFailure> failures) =>
        [.. failures.Select(failure => new FieldError(
            failure.PropertyName, failure.ErrorCode, failure.ErrorMessage,
            (failure.AttemptedValue as JsonNode)?.DeepClone()))];

    /// <summary>
    /// Validates a record that a record node writes against its form, as an import or a form submission would. For an
    /// update (<paramref name="current"/> given), only the problems that the changes cause are returned, so a record
    /// imported with an old mistake can still be updated.
    /// </summary>
    public async Task<IReadOnlyList<FieldError>> CheckRecordAsync(
        FormDefinition form, JsonObject data, JsonObject? current, long? recordId, string userId,
        IStorageTransaction? transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);

        // Only form and row rules read the user object, so a directory lookup per record is skipped for other forms.
        var readsUser = _readsUser.GetValue(form, key => new StrongBox<bool>(FormRuleFields.ReadsUser(key))).Value;
        var user = readsUser ? await UserAsync(userId, cancellationToken).ConfigureAwait(false) : null;
        FormSubmission Submission(JsonObject values) => new(values)
        {
            UserId = userId,
            User = user,
            RecordId = recordId,
            Transaction = transaction,
        };

        return await FindCausedErrorsAsync(
            SystemValidators, form, Submission(data), current is null ? null : Submission(current),
            CultureInfo.InvariantCulture, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Returns a user as rules read it (<c>user.region</c>): id, name, department, roles and attributes.</summary>
    public async Task<JsonObject> UserAsync(string userId, CancellationToken cancellationToken)
    {
        var json = new JsonObject { ["id"] = userId };
        var user = await organization.FindUserAsync(userId, cancellationToken).ConfigureAwait(false);
        if (user is null)
        {
            return json;
        }

        json["name"] = user.DisplayName;
        json["department"] = user.DepartmentId;
        json["roles"] = new JsonArray([.. user.Roles.Select(role => (JsonNode)role)]);
        foreach (var (name, value) in user.Attributes)
        {
            json[name] ??= value;
        }

        return json;
    }
}
