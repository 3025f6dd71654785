using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using WorkflowKit.Definitions;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Records;
using WorkflowKit.Runtime.Approvals;
using WorkflowKit.Runtime.Audit;
using WorkflowKit.Runtime.Execution;
using WorkflowKit.Runtime.Graph;
using WorkflowKit.Runtime.Storage;
using WorkflowKit.Runtime.Tasks;

namespace WorkflowKit.Runtime;

/// <summary>
/// The initiator's resubmission task: the task at the start node that a return to the initiator creates. The
/// initiator corrects the form and resubmits it, which runs the flow again from the start node, or withdraws.
/// </summary>
public sealed partial class WorkflowEngine
{
    private static readonly IReadOnlySet<string> NoOwnersActed = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Returns whether the task is a resubmission task, which only a return to the initiator creates.</summary>
    private static bool IsResubmission(FlowGraph graph, TaskRecord task) => task.NodeId == graph.StartNode.Id;

    /// <summary>Returns whether the instance waits for its initiator to resubmit after a return.</summary>
    private static bool AwaitsResubmission(StepContext step) =>
        step.OpenTasks.Any(task => IsResubmission(step.Graph, task));

    /// <summary>The actions of a resubmission task: resubmit, withdraw unless the flow forbids it, and comment.</summary>
    private static IReadOnlyList<string> ResubmissionActions(FlowGraph graph) =>
        graph.Published.Flow.Settings?.AllowWithdraw == false
            ? [TaskActions.Resubmit, TaskActions.Comment]
            : [TaskActions.Resubmit, TaskActions.Withdraw, TaskActions.Comment];

    /// <summary>
    /// Returns the field access of the start node as a resubmission applies it. Every field is editable when the
    /// start node lists no field permissions, as at a start. Otherwise unlisted fields are read-only.
    /// </summary>
    private static string StartAccessOf(NodeDefinition start, string fieldId) =>
        start.FieldPermissions is null ? FieldPermission.Editable : FieldGuard.AccessOf(start, fieldId);

    private async Task<IReadOnlyList<KeptOwnerRow>> ActOnResubmissionAsync(
        StepContext step, TaskRecord task, TaskActionRequest request, CancellationToken cancellationToken)
    {
        var start = step.Graph.StartNode;
        var offered = ResubmissionActions(step.Graph);
        if (!offered.Contains(request.Action, StringComparer.Ordinal))
        {
            throw new TaskActionException(
                TaskActionError.ActionNotOffered,
                $"Action \"{request.Action}\" is not offered on the resubmission task {task.Id} at the start node " +
                $"'{start.Id}'; offered: {string.Join(", ", offered)}.")
            {
                Action = request.Action, TaskId = task.Id, NodeId = start.Id, Offered = offered,
            };
        }

        step.ActorForAudit = request.UserId;
        var token = step.Tokens.Single(candidate => candidate.Id == task.TokenId);
        switch (request.Action)
        {
            case TaskActions.Resubmit:
                return await ResubmitAsync(step, task, token, request, cancellationToken).ConfigureAwait(false);
            case TaskActions.Withdraw:
                task.Status = TaskStatuses.Completed;
                task.Outcome = "withdrawn";
                task.Comment = request.Comment;
                task.CompletedAt = step.Now;
                task.CompletedBy = request.UserId;
                task.Version++;
                step.Touch(task);
                await FinishWithdrawalAsync(step, request.UserId, request.Comment, cancellationToken).ConfigureAwait(false);
                return [];
            default:
                step.AddAudit(request.UserId, AuditActions.TaskActionPrefix + request.Action, start.Id, task.Id,
                    request.Comment, snapshot: true);
                return [];
        }
    }

    /// <summary>
    /// Applies the initiator's corrections with the start node's field permissions and validates the whole form as a
    /// start does. The token then leaves the start node with an empty trail, so edge conditions see the corrected
    /// data and later returns cannot reach the nodes of the earlier pass.
    /// </summary>
    private async Task<IReadOnlyList<KeptOwnerRow>> ResubmitAsync(
        StepContext step, TaskRecord task, TokenRecord token, TaskActionRequest request,
        CancellationToken cancellationToken)
    {
        var start = step.Graph.StartNode;
        var keptRows = ApplyStartChanges(step, start, request.FormChanges, task.OriginalAssignee);
        if (step.Graph.Published.Form is { } form)
        {
            await FillRecordValuesAsync(
                step.Graph, form, step.Instance.Form, step.Instance.Initiator,
                request.Culture ?? CultureInfo.InvariantCulture, cancellationToken).ConfigureAwait(false);
            Compute(step.Graph, form, step.Instance.Form, cancellationToken);
            await ValidateFormDataAsync(
                step.Graph, form, step.Instance.Form, step.Instance.Initiator, step.Vars, step.StartRecordId,
                request.Culture ?? CultureInfo.InvariantCulture, cancellationToken).ConfigureAwait(false);
            await UpdateStartRecordAsync(step, form, request.UserId, cancellationToken).ConfigureAwait(false);
        }

        HumanTaskHandler.Complete(step, task, request, "resubmitted");
        token.Trail = [];
        _runner.Leave(step, token, start);
        return keptRows;
    }

    /// <summary>
    /// Copies the corrected form into the record that the start created (<c>settings.startCreatesRecord</c>), so the
    /// record shows what was resubmitted. Serial numbers stay as the store assigned them.
    /// </summary>
    private async Task UpdateStartRecordAsync(
        StepContext step, FormDefinition form, string userId, CancellationToken cancellationToken)
    {
        if (step.StartRecordId is not { } recordId)
        {
            return;
        }

        var changes = new JsonObject();
        foreach (var field in form.Fields.Where(field => field.Type != FieldTypes.Serial))
        {
            changes[field.Id] = step.Instance.Form[field.Id]?.DeepClone();
        }

        var transaction = await step.Unit.WriteAsync(cancellationToken).ConfigureAwait(false);
        await _services.Records.UpdateAsync(
            form.Key, recordId, changes, null, new RecordWriteContext(userId, transaction, step.Instance.Id),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Writes the corrections into the instance's form. Serial fields keep the submitted value, and the resubmission
    /// computes the formulas again before it validates the form.
    /// </summary>
    private static IReadOnlyList<KeptOwnerRow> ApplyStartChanges(
        StepContext step, NodeDefinition start, JsonObject? changes, string initiator)
    {
        if (changes is null)
        {
            return [];
        }

        if (start.FieldPermissions is null)
        {
            foreach (var (fieldId, value) in changes)
            {
                step.Instance.Form[fieldId] = value?.DeepClone();
            }

            return [];
        }

        var computed = (step.Graph.Published.Form?.Fields ?? [])
            .Where(field => field.Type is FieldTypes.Serial or FieldTypes.Formula)
            .Select(field => field.Id)
            .ToHashSet(StringComparer.Ordinal);
        var entered = new JsonObject();
        foreach (var (fieldId, value) in changes.Where(pair => !computed.Contains(pair.Key)))
        {
            entered[fieldId] = value?.DeepClone();
        }

        var keptRows = FieldGuard.Apply(start, step.Instance.Form, entered, initiator, NoOwnersActed);
        foreach (var (fieldId, value) in changes.Where(pair => computed.Contains(pair.Key)))
        {
            step.Instance.Form[fieldId] = value?.DeepClone();
        }

        return keptRows;
    }

    /// <summary>
    /// Returns the latest return of the instance to its initiator from its audit trail, or null when it was never
    /// returned to the initiator.
    /// </summary>
    public async Task<ReturnNote?> GetReturnNoteAsync(string instanceId, CancellationToken cancellationToken)
    {
        var history = await _services.Store.GetAuditAsync(instanceId, cancellationToken).ConfigureAwait(false);
        var line = history.LastOrDefault(entry => entry.Action == AuditActions.ReturnedToInitiator);
        return line is null
            ? null
            : new ReturnNote(line.Actor, line.NodeId ?? string.Empty, line.Comment, line.At)
            {
                LocalizedComment = line.Details?["comment"] is JsonObject comment
                    ? comment.Deserialize<LocalizedText>()
                    : null,
            };
    }
}
