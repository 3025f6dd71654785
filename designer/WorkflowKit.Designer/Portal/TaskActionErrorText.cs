using WorkflowKit.Designer.Localization;
using WorkflowKit.Runtime.Tasks;

namespace WorkflowKit.Designer.Portal;

/// <summary>
/// Words a task action that the engine rejected for the task page, in the page's language. The engine's message is
/// written for API clients and names request fields such as <c>targetUserId</c>. This text names the page's own
/// labels instead: the action's button and the "Person" field.
/// </summary>
/// <param name="text">The page's UI text; its culture decides the language.</param>
/// <param name="userName">Returns a user's display name for a user id, or the id when the page does not know it.</param>
public sealed class TaskActionErrorText(UiText text, Func<string, string> userName)
{
    private UiText T { get; } = text;

    /// <summary>Describes a rejected <paramref name="action"/>, the action name of the button that was clicked.</summary>
    public string Describe(TaskActionException error, string action)
    {
        ArgumentNullException.ThrowIfNull(error);
        var actionLabel = T[TaskPage.ActionLabel(action)];
        var person = T["Person"];
        var target = error.TargetUserId is null ? string.Empty : userName(error.TargetUserId);
        return error.Error switch
        {
            TaskActionError.TargetUserMissing => T.Format("{0} failed: choose a person in \"{1}\" first.",
                actionLabel, person),
            TaskActionError.TargetUserNotFound => T.Format(
                "{0} failed: {1}, chosen in \"{2}\", is not a user of the organisation. Choose another person in \"{2}\" and try again.",
                actionLabel, target, person),
            TaskActionError.TargetIsAssignee when action == TaskActions.Transfer => T.Format(
                "{0} failed: this task is already assigned to {1}. Choose the person who should take it over in \"{2}\".",
                actionLabel, target, person),
            TaskActionError.TargetIsAssignee => T.Format(
                "{0} failed: {1} is the approver of this task and cannot also be added as a signer. Choose another person in \"{2}\".",
                actionLabel, target, person),
            TaskActionError.TargetTakesPart => T.Format(
                "{0} failed: {1} {2}. Choose someone in \"{3}\" who does not take part in this step yet.",
                actionLabel, target, ParticipationText(error.Participation), person),
            TaskActionError.TargetIsInitiator => T.Format(
                "{0} failed: {1} started this submission and may not decide it at this step. Choose another person in \"{2}\".",
                actionLabel, target, person),
            TaskActionError.CopiesSelf => T.Format(
                "{0} failed: you cannot copy yourself. Choose another person in \"{1}\".", actionLabel, person),
            TaskActionError.UnknownAction or TaskActionError.ActionNotOffered => T.Format(
                "{0} failed: this step does not offer this action. Reload the page to see the actions you can take.",
                actionLabel),
            TaskActionError.InvalidSignerPosition => T.Format(
                "{0} failed: the position of the added signer is not valid. Reload the page and try again.",
                actionLabel),
            TaskActionError.NoEarlierNode => T.Format(
                "{0} failed: this step has no earlier step to return to. Choose \"{1}\" or \"{2}\" instead.",
                actionLabel, T["Reject"], T["Comment"]),
            TaskActionError.InvalidReturnTarget => T.Format(
                "{0} failed: the step to return to is not an earlier step of this task. Reload the page and try again.",
                actionLabel),
            _ => Describe((ArgumentException)error, action),
        };
    }

    /// <summary>
    /// Describes a rejected action that carries no <see cref="TaskActionError"/> as <see cref="ServiceErrorText"/> does,
    /// never with the server's English message, which is for the log.
    /// </summary>
    public string Describe(ArgumentException error, string action)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new ServiceErrorText(T, userName, field => field).Describe(error, T[TaskPage.ActionLabel(action)]);
    }

    private string ParticipationText(TaskParticipation? participation) => participation switch
    {
        TaskParticipation.OpenTask => T["already has an open task at this step"],
        TaskParticipation.QueuedSigner => T["is already added as a signer after an approver of this step"],
        TaskParticipation.Approved => T["has already approved at this step"],
        TaskParticipation.SetAside => T["has a task at this step that waits until the signer added before them approves"],
        TaskParticipation.LaterInSequence => T["is still to approve later in this step's order"],
        _ => T["already takes part in this step"],
    };
}
