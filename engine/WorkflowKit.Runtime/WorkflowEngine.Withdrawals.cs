using System.Text.Json.Nodes;
using WorkflowKit.Records;
using WorkflowKit.Runtime.Audit;
using WorkflowKit.Runtime.Execution;

namespace WorkflowKit.Runtime;

/// <summary>
/// What every withdrawal does once it is allowed, whether the initiator withdraws from the instance or from the
/// resubmission task after a return.
/// </summary>
public sealed partial class WorkflowEngine
{
    /// <summary>The variable that a withdrawal sets to <c>{ by, comment }</c> before its path runs.</summary>
    public const string WithdrawalVariable = "withdrawal";

    /// <summary>
    /// Ends the instance as withdrawn in the withdrawal's step. First the open tasks, tokens, timers and pending calls
    /// are cancelled, the withdrawal is audited with the form as it stood, and <c>vars.withdrawal</c> records who
    /// withdrew and their comment. Then the withdrawal path (<c>settings.onWithdraw</c>) runs, and last the
    /// <c>settings.withdrawnValues</c> are written, so they can read the variables that the path set and have the last
    /// word on the start's record.
    /// </summary>
    /// <exception cref="Instances.InstanceActionException">
    /// A node of the withdrawal path failed. The step must not commit, so the instance stays as it was.
    /// </exception>
    private async Task FinishWithdrawalAsync(
        StepContext step, string userId, string? comment, CancellationToken cancellationToken)
    {
        step.ActorForAudit = userId;
        _runner.Finish(step, InstanceStatuses.Withdrawn, null, userId, AuditActions.InstanceWithdrawn);
        step.Audit[^1] = step.Audit[^1] with
        {
            Comment = comment,
            FormSnapshot = (JsonObject)step.Instance.Form.DeepClone(),
        };
        step.SetVar(WithdrawalVariable, new JsonObject { ["by"] = userId, ["comment"] = comment });

        if (step.Graph.Published.Flow.Settings?.OnWithdraw?.Node is { Length: > 0 } pathStart)
        {
            step.Instance.EndNodeId = await _runner.RunEndingPathAsync(step, EndingPath.Withdrawal, pathStart, cancellationToken)
                .ConfigureAwait(false);
        }

        await WriteWithdrawnValuesAsync(step, userId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Writes the flow's <c>settings.withdrawnValues</c> into the record that the start created, in the withdrawal's
    /// transaction, so that a withdrawn order no longer reads as submitted.
    /// </summary>
    private async Task WriteWithdrawnValuesAsync(StepContext step, string userId, CancellationToken cancellationToken)
    {
        var settings = step.Graph.Published.Flow.Settings;
        if (settings?.WithdrawnValues is not { Count: > 0 } values || step.Graph.Published.Form is not { } form
            || step.StartRecordId is not { } recordId)
        {
            return;
        }

        var changes = new JsonObject();
        foreach (var (fieldId, expression) in values)
        {
            changes[fieldId] = _services.Expressions.Evaluate(expression, step.Scope(), cancellationToken)?.DeepClone();
        }

        var transaction = await step.Unit.WriteAsync(cancellationToken).ConfigureAwait(false);
        await _services.Records.UpdateAsync(
            form.Key, recordId, changes, null, new RecordWriteContext(userId, transaction, step.Instance.Id),
            cancellationToken).ConfigureAwait(false);
    }
}
