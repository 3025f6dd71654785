using WorkflowKit.Designer.Localization;
using WorkflowKit.Designer.Services;
using WorkflowKit.Runtime.Instances;
using WorkflowKit.Storage;

namespace WorkflowKit.Designer.Portal;

/// <summary>
/// Words a withdrawal or an urge that the engine rejected for the instance page, in the page's language. The engine's
/// message is written for API clients and logs, and names ids and definition settings such as
/// <c>settings.allowWithdraw</c>. This text names the submission's flow and initiator instead, and states what to do.
/// </summary>
/// <param name="text">The page's UI text; its culture decides the language.</param>
public sealed class InstanceActionErrorText(UiText text)
{
    private UiText T { get; } = text;

    /// <summary>
    /// Describes a rejected <paramref name="action"/> ("Withdraw" or "Urge", the English label of the button that was
    /// clicked). <paramref name="current"/> is the submission as the page loaded it after the rejection, or null when
    /// it can no longer be read.
    /// </summary>
    public string Describe(Exception error, string action, InstanceSummary? current)
    {
        ArgumentNullException.ThrowIfNull(error);
        var actionLabel = T[action];
        return error switch
        {
            InstanceActionException { Error: InstanceActionError.AlreadyActed, SubFlowInstanceId: not null } => T.Format(
                "{0} failed: a task of a sub-flow of this submission, such as a warehouse's shipment, is already completed, so it can no longer be withdrawn. An administrator can cancel the submission instead.",
                actionLabel),
            InstanceActionException { Error: InstanceActionError.AlreadyActed } => T.Format(
                "{0} failed: someone has already acted on a task of this submission, so it can no longer be withdrawn. Ask the person now handling it to return or reject it.",
                actionLabel),
            InstanceActionException { Error: InstanceActionError.WithdrawNotAllowed } => T.Format(
                "{0} failed: the flow \"{1}\" does not allow withdrawing a submission. Ask the person now handling it to return or reject it.",
                actionLabel, FlowName(current)),
            InstanceActionException { Error: InstanceActionError.WithdrawalPathFailed } failed => T.Format(
                "{0} failed: the step \"{1}\", which undoes this submission's automatic steps when it is withdrawn, failed, so nothing was withdrawn and the submission continues as before. Ask the owner of the flow \"{2}\" to fix that step. Details: {3}",
                actionLabel, failed.NodeName?.Get(T.Culture) ?? failed.NodeId, FlowName(current), failed.InnerException?.Message ?? failed.Message),
            InstanceActionException { Error: InstanceActionError.UrgedTooRecently } tooSoon => T.Format(
                "{0} failed: you already urged everyone now handling this submission in the last few minutes, so nobody was notified again. You can urge again in {1} minutes.",
                actionLabel, Math.Max(1, (int)Math.Ceiling(tooSoon.RetryAfter?.TotalMinutes ?? 1))),
            ConcurrencyConflictException when current is { State: not InstanceState.Running } => T.Format(
                "{0} failed: this submission has already ended as \"{1}\". The page now shows how it ended.",
                actionLabel, T[current.State.ToString()]),
            ConcurrencyConflictException => T.Format(
                "{0} failed: someone changed this submission at the same time. The page now shows its current state; try again if it still applies.",
                actionLabel),
            AccessDeniedException when current is not null => T.Format(
                "{0} failed: only {1}, who started this submission, can do this. Ask them to do it.",
                actionLabel, current.InitiatorName),
            AccessDeniedException => T.Format(
                "{0} failed: only the person who started this submission can do this. Ask them to do it.", actionLabel),
            NotFoundException => T.Format(
                "{0} failed: this submission no longer exists. Open your submissions from \"{1}\" to see the current ones.",
                actionLabel, T["My submissions"]),
            _ => T.Format("{0} failed: {1}", actionLabel, error.Message),
        };
    }

    private string FlowName(InstanceSummary? current) => current?.FlowName.Get(T.Culture) ?? current?.FlowKey ?? "?";
}
