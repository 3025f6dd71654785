using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Organization;
using WorkflowKit.Permissions;
using WorkflowKit.Records;
using WorkflowKit.Storage;

namespace WorkflowKit.Forms;

/// <summary>
/// The single entry point for form submissions from the Blazor form, the REST API, imports and
/// engine steps: computes formulas, enforces node field permissions and data permissions,
/// validates with the form's <see cref="FormValidatorFactory"/> validator, and writes the
/// record, all in one transaction.
/// </summary>
public sealed class FormSubmissionService
{
    private const string SavepointName = "wk_submission";

    private readonly FormValidatorFactory _validators;
    private readonly IRecordStore _store;
    private readonly IDatabase _database;
    private readonly RecordAccess? _access;
    private readonly IFormulaEvaluator? _formulas;
    private readonly ConditionalWeakTable<FormDefinition, FormulaGraph> _graphs = [];

    /// <param name="validators">Validator factory, with its services.</param>
    /// <param name="store">The record store written to.</param>
    /// <param name="database">The database the store writes to, for the transaction of a submission.</param>
    /// <param name="access">Data permissions; when null, submissions are not permission-checked (trusted hosts
    /// only).</param>
    /// <param name="formulas">Evaluates formula fields and default expressions; required when a form has them.</param>
    public FormSubmissionService(
        FormValidatorFactory validators, IRecordStore store, IDatabase database, RecordAccess? access,
        IFormulaEvaluator? formulas = null)
    {
        ArgumentNullException.ThrowIfNull(validators);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(database);
        _validators = validators;
        _store = store;
        _database = database;
        _access = access;
        _formulas = formulas;
    }

    /// <summary>The organisation directory that member and department fields are checked against, if any.</summary>
    internal IOrganizationDirectory? Directory => _validators.Services.Directory;

    /// <summary>The record store written to, for an import that finds the records its rows update.</summary>
    internal IRecordStore Store => _store;

    /// <summary>
    /// The formula graph of a form, built once per definition instance: the Blazor form calls
    /// <see cref="FormulaGraph.Recalculate"/> on it as fields change.
    /// </summary>
    /// <exception cref="InvalidOperationException">The form has formulas but no evaluator was given, or they form a
    /// cycle.</exception>
    public FormulaGraph GetFormulaGraph(FormDefinition form)
    {
        ArgumentNullException.ThrowIfNull(form);
        return _graphs.GetValue(form, definition => FormulaGraph.Build(
            definition,
            _formulas ?? throw new InvalidOperationException(
                $"Form '{definition.Key}' has formula fields or default expressions; give FormSubmissionService an " +
                "IFormulaEvaluator such as ExpressionFormulaEvaluator.")));
    }

    /// <summary>Validates submitted data without writing it.</summary>
    public async Task<FormValidationResult> ValidateAsync(
        FormDefinition form, JsonObject data, FormSubmissionContext context, CancellationToken cancellationToken)
    {
        return await ValidateCoreAsync(form, data, context, recordId: null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Validates and creates a record; checks the user's create permission first.</summary>
    /// <exception cref="UnauthorizedAccessException">The user may not create records of this form.</exception>
    public async Task<FormSubmitResult> CreateAsync(
        FormDefinition form, JsonObject data, FormSubmissionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(context);
        var scope = await RequireGrantAsync(form.Key, PermissionActions.Create, context, cancellationToken)
            .ConfigureAwait(false);
        return await CreateAsync(form, data, context, scope, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Creates a record with a create scope resolved once by the caller (an import resolves it per file).
    /// </summary>
    internal async Task<FormSubmitResult> CreateAsync(
        FormDefinition form, JsonObject data, FormSubmissionContext context, RecordAccessScope? scope,
        CancellationToken cancellationToken)
    {
        var prepared = FieldAccessFilter.EditableChanges(form, new JsonObject(), data, context.NodePermissions);

        var computeErrors = Compute(form, prepared, applyDefaults: true, cancellationToken);
        if (computeErrors.Count > 0)
        {
            return new FormSubmitResult(null, computeErrors);
        }

        return await InTransactionAsync(context, async transaction =>
        {
            var inTransaction = context with { Transaction = transaction };
            var validation = await ValidateCoreAsync(form, prepared, inTransaction, null, cancellationToken)
                .ConfigureAwait(false);
            if (!validation.IsValid)
            {
                return new FormSubmitResult(null, validation.Errors);
            }

            var writeContext = new RecordWriteContext(context.UserId, transaction, context.InstanceId)
            {
                KeepGivenSerials = context.KeepGivenSerials,
            };
            var record = await _store.CreateAsync(form.Key, prepared, writeContext, cancellationToken)
                .ConfigureAwait(false);
            if (scope is not null && !await AdmitsAsync(scope, record.Id, transaction, cancellationToken)
                .ConfigureAwait(false))
            {
                return new FormSubmitResult(null, [Denied(form, context, "create")]);
            }

            return new FormSubmitResult(record, []);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Validates data as <see cref="CreateAsync(FormDefinition, JsonObject, FormSubmissionContext, CancellationToken)"/>
    /// would before writing it: with the fields a node may not edit left out, defaults applied and formulas computed.
    /// Writes nothing and checks no data permission.
    /// </summary>
    internal async Task<FormValidationResult> ValidateNewAsync(
        FormDefinition form, JsonObject data, FormSubmissionContext context, CancellationToken cancellationToken)
    {
        return await ValidateNewAsync(form, data, context, recordId: null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Validates data as <see cref="ValidateNewAsync(FormDefinition, JsonObject, FormSubmissionContext,
    /// CancellationToken)"/> does; with <paramref name="recordId"/>, unique values are not compared with that record,
    /// as for an update of it.
    /// </summary>
    internal async Task<FormValidationResult> ValidateNewAsync(
        FormDefinition form, JsonObject data, FormSubmissionContext context, long? recordId,
        CancellationToken cancellationToken)
    {
        var prepared = FieldAccessFilter.EditableChanges(form, new JsonObject(), data, context.NodePermissions);
        var computeErrors = Compute(form, prepared, applyDefaults: true, cancellationToken);
        if (computeErrors.Count > 0)
        {
            return new FormValidationResult(computeErrors);
        }

        return await ValidateCoreAsync(form, prepared, context, recordId, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>
    /// Validates and applies a submission to an existing record: only fields the node lets the
    /// user edit may change, the user needs update permission on the record before and after.
    /// </summary>
    public async Task<FormSubmitResult> UpdateAsync(
        FormDefinition form, long recordId, JsonObject submitted, long? expectedVersion,
        FormSubmissionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(submitted);
        ArgumentNullException.ThrowIfNull(context);
        var scope = await RequireGrantAsync(form.Key, PermissionActions.Update, context, cancellationToken)
            .ConfigureAwait(false);
        return await UpdateAsync(form, recordId, submitted, expectedVersion, context, scope, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>
    /// Updates a record with an update scope resolved once by the caller (an import resolves it per file). A null
    /// scope checks no data permission.
    /// </summary>
    /// <exception cref="KeyNotFoundException">The record does not exist, was deleted, or is outside the scope.</exception>
    internal async Task<FormSubmitResult> UpdateAsync(
        FormDefinition form, long recordId, JsonObject submitted, long? expectedVersion,
        FormSubmissionContext context, RecordAccessScope? scope, CancellationToken cancellationToken)
    {
        return await InTransactionAsync(context, async transaction =>
        {
            var current = await _store.GetAsync(form.Key, recordId, transaction, cancellationToken)
                .ConfigureAwait(false);
            if (current is null || current.Deleted ||
                (scope is not null && !await AdmitsAsync(scope, recordId, transaction, cancellationToken)
                    .ConfigureAwait(false)))
            {
                throw new KeyNotFoundException(
                    $"Record {recordId} of form '{form.Key}' does not exist or user '{context.UserId}' " +
                    "may not update it.");
            }

            var denied = FieldAccessFilter.CheckChanges(form, current.Data, submitted, context.NodePermissions,
                context.Culture);
            if (denied.Count > 0)
            {
                return new FormSubmitResult(null, denied);
            }

            var changes = FieldAccessFilter.EditableChanges(form, current.Data, submitted, context.NodePermissions);
            var merged = (JsonObject)current.Data.DeepClone();
            foreach (var (key, value) in changes)
            {
                merged[key] = value?.DeepClone();
            }

            var computeErrors = Compute(form, merged, applyDefaults: false, cancellationToken);
            if (computeErrors.Count > 0)
            {
                return new FormSubmitResult(null, computeErrors);
            }

            foreach (var field in form.Fields.Where(field => HasFormulas(field) && !changes.ContainsKey(field.Id)))
            {
                if (!JsonNode.DeepEquals(current.Data[field.Id], merged[field.Id]))
                {
                    changes[field.Id] = merged[field.Id]?.DeepClone();
                }
            }

            var validation = await ValidateCoreAsync(form, merged, context with { Transaction = transaction }, recordId,
                cancellationToken).ConfigureAwait(false);
            if (!validation.IsValid)
            {
                return new FormSubmitResult(null, validation.Errors);
            }

            var record = await _store.UpdateAsync(
                form.Key, recordId, changes, expectedVersion,
                new RecordWriteContext(context.UserId, transaction, context.InstanceId), cancellationToken)
                .ConfigureAwait(false);
            if (scope is not null && !await AdmitsAsync(scope, recordId, transaction, cancellationToken)
                .ConfigureAwait(false))
            {
                return new FormSubmitResult(null, [Denied(form, context, "update")]);
            }

            return new FormSubmitResult(record, []);
        }, cancellationToken).ConfigureAwait(false);
    }

    private async Task<FormValidationResult> ValidateCoreAsync(
        FormDefinition form, JsonObject data, FormSubmissionContext context, long? recordId,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(context);
        var validator = _validators.Create(form, context.Culture);
        var user = _validators.Services.Directory is { } directory
            ? await directory.FindUserAsync(context.UserId, cancellationToken).ConfigureAwait(false)
            : null;
        var submission = new FormSubmission(data)
        {
            RecordId = recordId,
            UserId = context.UserId,
            Variables = context.Variables,
            Transaction = context.Transaction,
            User = user is null ? null : UserJson(user),
            Initiator = context.Initiator,
            KeepsGivenSerials = context.KeepGivenSerials && recordId is null,
        };
        if (context.UnreadFields is { } unread)
        {
            submission = submission with { UnreadFields = unread };
        }

        var result = await validator.ValidateAsync(submission, cancellationToken).ConfigureAwait(false);
        return result.IsValid
            ? FormValidationResult.Valid
            : new FormValidationResult([.. result.Errors.Select(failure => new FieldError(
                failure.PropertyName, failure.ErrorCode, failure.ErrorMessage,
                (failure.AttemptedValue as JsonNode)?.DeepClone()))]);
    }

    /// <summary>
    /// Applies defaults (on create) and recomputes every formula, so that stored formula values are
    /// always the server's, whatever a client sent.
    /// </summary>
    private List<FieldError> Compute(
        FormDefinition form, JsonObject data, bool applyDefaults, CancellationToken cancellationToken)
    {
        if (!FormulaGraph.HasComputedFields(form))
        {
            return [];
        }

        try
        {
            var graph = GetFormulaGraph(form);
            if (applyDefaults)
            {
                graph.ApplyDefaults(data, cancellationToken);
            }

            graph.RecalculateAll(data, cancellationToken);
            return [];
        }
        catch (FormulaEvaluationException error)
        {
            return [new FieldError(error.Path, "formulaError", error.Message, null)];
        }
    }

    private static bool HasFormulas(FieldDefinition field) =>
        field.Formula is not null || (field.Fields?.Any(column => column.Formula is not null) ?? false);

    /// <summary>A user as rules and scripts see it: id, name, department, roles and each attribute.</summary>
    public static JsonObject UserJson(OrgUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var json = new JsonObject
        {
            ["id"] = user.Id,
            ["name"] = user.DisplayName,
            ["department"] = user.DepartmentId,
            ["roles"] = new JsonArray([.. user.Roles.Select(role => (JsonNode?)role)]),
        };
        foreach (var (name, value) in user.Attributes)
        {
            json.TryAdd(name, value);
        }

        return json;
    }

    private async Task<RecordAccessScope?> RequireGrantAsync(
        string formKey, string action, FormSubmissionContext context, CancellationToken cancellationToken)
    {
        if (!context.CheckPermissions || _access is null)
        {
            return null;
        }

        var scope = await _access.ResolveAsync(context.UserId, formKey, action, cancellationToken)
            .ConfigureAwait(false);
        return scope.IsGranted
            ? scope
            : throw new UnauthorizedAccessException(
                $"User '{context.UserId}' may not {action} records of form '{formKey}'; ask an administrator for a " +
                $"permission rule with the \"{action}\" action.");
    }

    internal async Task<bool> AdmitsAsync(
        RecordAccessScope scope, long recordId, IStorageTransaction transaction, CancellationToken cancellationToken)
    {
        if (scope.Rows is RecordFilterConstant { Value: true })
        {
            return true;
        }

        var page = await _store.QueryAsync(
            new RecordQuery(scope.FormKey)
            {
                Where = RecordFilter.And(RecordFilter.Compare(RecordSystemFields.Id, "eq", recordId), scope.Rows),
                Limit = 1,
                CountTotal = false,
            },
            transaction, cancellationToken).ConfigureAwait(false);
        return page.Items.Count > 0;
    }

    private static FieldError Denied(FormDefinition form, FormSubmissionContext context, string action)
    {
        var zh = context.Culture.Name.StartsWith("zh", StringComparison.OrdinalIgnoreCase);
        var name = form.Name.Get(context.Culture.Name);
        return new FieldError(
            string.Empty, "permission",
            zh
                ? $"您的数据权限不允许{(action == "create" ? "创建" : "保存")}这条“{name}”记录（例如区域不在您的范围内）"
                : $"Your data permissions do not allow you to {action} this \"{name}\" record " +
                  "(for example, its region is outside your scope)",
            null);
    }

    private async Task<FormSubmitResult> InTransactionAsync(
        FormSubmissionContext context, Func<IStorageTransaction, Task<FormSubmitResult>> work,
        CancellationToken cancellationToken)
    {
        if (context.Transaction is { } shared)
        {
            // A savepoint undoes a rejected write without ending the caller's transaction, so an
            // import that skips bad rows keeps the good rows of the same batch.
            await shared.Transaction.SaveAsync(SavepointName, cancellationToken).ConfigureAwait(false);
            var outcome = await work(shared).ConfigureAwait(false);
            if (outcome.Succeeded)
            {
                await shared.Transaction.ReleaseAsync(SavepointName, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await shared.Transaction.RollbackAsync(SavepointName, cancellationToken).ConfigureAwait(false);
                await shared.Transaction.ReleaseAsync(SavepointName, cancellationToken).ConfigureAwait(false);
            }

            return outcome;
        }

        await using var transaction = await _database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var result = await work(transaction).ConfigureAwait(false);
        if (result.Succeeded)
        {
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        return result;
    }
}
