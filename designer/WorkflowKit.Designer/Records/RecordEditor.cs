using System.Globalization;
using System.Text.Json.Nodes;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Designer.Accounts;
using WorkflowKit.Designer.Services;
using WorkflowKit.Expressions;
using WorkflowKit.Forms;
using WorkflowKit.Permissions;
using WorkflowKit.Records;
using WorkflowKit.Storage;

namespace WorkflowKit.Designer.Records;

/// <summary>
/// Edits of a stored record from the record page and <c>PUT /api/records/{form}/{id}</c>. A user may edit a record when
/// a permission rule of one of their roles grants <c>update</c> on the form and admits the record, as a flow's record
/// update is checked. The edit runs through <see cref="FormSubmissionService"/>, so it meets the form's validators
/// and the store writes the record's history, and it names the version it was made on, so a stale edit is a conflict.
/// </summary>
/// <remarks>
/// Serial number and formula fields are read-only, because the store and the formulas set them. A field that any
/// read or update rule of the user hides is hidden, so an edit neither shows nor changes it.
/// </remarks>
public sealed class RecordEditor
{
    private readonly RecordSetup _setup;
    private readonly RecordReader _reader;
    private readonly IRecordStore _records;
    private readonly FormSubmissionService _submissions;

    public RecordEditor(
        RecordSetup setup, RecordReader reader, IRecordStore records, IDatabase database, RecordAccess access,
        FormValidatorFactory validators, WorkflowKit.Files.IFileStore files, ScriptHost scripts, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(validators);
        _setup = setup;
        _reader = reader;
        _records = records;

        // The shared validators only shape file values, as pages in the browser need; a stored edit must name files
        // that the editing user uploaded, as an import's rows must.
        _submissions = new FormSubmissionService(
            new FormValidatorFactory(validators.Services with { Files = files }), records, database, access,
            new ExpressionFormulaEvaluator(new FormulaEngine(time), scripts));
    }

    /// <summary>
    /// The field access of an edit of one form by one user, or null when the user may not edit the record: no update
    /// rule admits it, or the user may not read it.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, FieldPermission>?> FindEditPermissionsAsync(
        UserContext user, string formKey, long recordId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var form = await RequireFormAsync(formKey, cancellationToken);
        var update = await _reader.ResolveAsync(user.Id, formKey, PermissionActions.Update, cancellationToken);
        if (!update.IsGranted || !await AdmitsAsync(update, recordId, cancellationToken))
        {
            return null;
        }

        var read = await _reader.ResolveAsync(user.Id, formKey, PermissionActions.Read, cancellationToken);
        if (!read.IsGranted || await _reader.GetAsync(user.Id, formKey, recordId, cancellationToken) is null)
        {
            return null;
        }

        return EditPermissions(form, read, update);
    }

    /// <summary>
    /// Applies <paramref name="data"/> to the record if it is still at <paramref name="expectedVersion"/>, and returns
    /// the record as stored. Fields that <paramref name="data"/> leaves out keep their values.
    /// </summary>
    /// <exception cref="NotFoundException">The record does not exist, or the user may not read it.</exception>
    /// <exception cref="AccessDeniedException">The user may read the record but not edit it.</exception>
    /// <exception cref="ConcurrencyConflictException">Someone changed the record after that version.</exception>
    /// <exception cref="FormValidationException">The data breaks the form's rules or changes a read-only field.</exception>
    public async Task<RecordEntry> UpdateAsync(
        UserContext user, string formKey, long recordId, JsonObject data, long expectedVersion,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(data);
        var form = await RequireFormAsync(formKey, cancellationToken);
        if (await _reader.GetAsync(user.Id, formKey, recordId, cancellationToken) is null)
        {
            throw NotFoundException.Record(formKey, recordId);
        }

        var permissions = await FindEditPermissionsAsync(user, formKey, recordId, cancellationToken)
            ?? throw AccessDeniedException.RecordNotEditable(formKey, recordId);
        var context = new FormSubmissionContext(user.Id, CultureInfo.GetCultureInfo(user.Culture))
        {
            NodePermissions = permissions,
        };

        FormSubmitResult result;
        try
        {
            result = await _submissions.UpdateAsync(form, recordId, data, expectedVersion, context, cancellationToken);
        }
        catch (KeyNotFoundException error)
        {
            throw NotFoundException.Record(formKey, recordId, error);
        }

        return result.Succeeded
            ? result.Record!
            : throw new FormValidationException([.. result.Errors.Select(error => new Services.FieldError(
                error.Path, error.Message))]);
    }

    /// <summary>
    /// Returns the field access of an edit: serial number and formula fields read-only, fields that a read or update
    /// rule hides hidden, and every other field editable.
    /// </summary>
    public static IReadOnlyDictionary<string, FieldPermission> EditPermissions(
        FormDefinition form, RecordAccessScope read, RecordAccessScope update)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(update);
        var hidden = read.Grants.Concat(update.Grants)
            .SelectMany(grant => grant.HiddenFields)
            .ToHashSet(StringComparer.Ordinal);
        return form.Fields.ToDictionary(
            field => field.Id,
            field => new FieldPermission
            {
                Access = hidden.Contains(field.Id) ? FieldPermission.Hidden
                    : field.SerialPattern is not null || field.Formula is not null ? FieldPermission.ReadOnly
                    : FieldPermission.Editable,
            },
            StringComparer.Ordinal);
    }

    private async Task<bool> AdmitsAsync(RecordAccessScope scope, long recordId, CancellationToken cancellationToken)
    {
        var page = await _records.QueryAsync(
            new RecordQuery(scope.FormKey)
            {
                Where = RecordFilter.And(RecordFilter.Compare(RecordSystemFields.Id, "eq", recordId), scope.Rows),
                Limit = 1,
                CountTotal = false,
            },
            null, cancellationToken);
        return page.Items.Count > 0;
    }

    private async Task<FormDefinition> RequireFormAsync(string formKey, CancellationToken cancellationToken) =>
        await _setup.EnsureFormAsync(formKey, cancellationToken)
            ?? throw new InvalidInputException(RecordService.UnknownFormText, nameof(formKey), formKey);
}
