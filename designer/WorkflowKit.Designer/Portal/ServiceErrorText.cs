using WorkflowKit.Designer.Localization;
using WorkflowKit.Designer.Services;
using WorkflowKit.Runtime;
using WorkflowKit.Runtime.Instances;
using WorkflowKit.Runtime.Tasks;
using WorkflowKit.Storage;

namespace WorkflowKit.Designer.Portal;

/// <summary>
/// Words the work service's refusals of a start or task action for the portal pages, in the page's language and with
/// the next step, in place of the exception's message, which is written for API clients and the log.
/// </summary>
/// <param name="text">The page's UI text; its culture decides the language.</param>
/// <param name="userName">Returns a user's display name for a user id, or the id when the page does not know it.</param>
/// <param name="fieldLabel">Returns a field's label for a field path such as <c>lines[2].quantity</c>.</param>
public sealed class ServiceErrorText(UiText text, Func<string, string> userName, Func<string, string> fieldLabel)
{
    private UiText T { get; } = text;

    /// <summary>
    /// Describes a rejected action, named by its button's <paramref name="actionLabel"/> in the page's language: a
    /// conflict, a missing object, a refusal, form data that breaks the form's rules or an invalid value.
    /// </summary>
    public string Describe(Exception error, string actionLabel)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error switch
        {
            ConcurrencyConflictException conflict => Conflict(conflict, actionLabel),
            NotFoundException missing => Missing(missing, actionLabel),
            AccessDeniedException denied => Denied(denied, actionLabel),
            FormValidationException invalid => T.Format(
                "{0} failed: correct these fields and try again: {1}", actionLabel,
                string.Join(T.IsChinese ? "；" : "; ",
                    invalid.Errors.Select(field => $"{fieldLabel(field.Field)}: {field.Message}"))),
            InvalidInputException input => T.Format("{0} failed: {1}", actionLabel, T.Describe(input)),
            ArgumentException { ParamName: "comment" } => T.Format(
                "{0} failed: the comment is longer than {1} characters or contains text direction control characters. Shorten it or remove those characters, and try again.",
                actionLabel, WorkflowEngine.MaxCommentLength),
            _ => T.Format(
                "{0} failed: the server did not accept the request. Reload the page and try again; if it fails again, tell an administrator the time, because the details are in the log.",
                actionLabel),
        };
    }

    private string Conflict(ConcurrencyConflictException error, string actionLabel)
    {
        var subject = error.Subject ?? string.Empty;
        if (subject.StartsWith("instance ", StringComparison.Ordinal) && error.CurrentStatus is { } ended)
        {
            return T.Format(
                "{0} failed: this submission has already ended as \"{1}\". The page now shows how it ended.",
                actionLabel, StatusText(ended));
        }

        if (subject.StartsWith("task ", StringComparison.Ordinal) && error.CurrentStatus is { } status)
        {
            return error.ChangedBy is { } by
                ? T.Format(
                    "{0} failed: {1} acted on this task first, so it is now \"{2}\". The page now shows its current state.",
                    actionLabel, userName(by), StatusText(status))
                : T.Format(
                    "{0} failed: this task is already \"{1}\". The page now shows its current state.",
                    actionLabel, StatusText(status));
        }

        return T.Format(
            "{0} failed: someone changed this submission at the same time. The page now shows its current state; try again if it still applies.",
            actionLabel);
    }

    private string Missing(NotFoundException error, string actionLabel) => error.Code == "instance-not-found"
        ? T.Format(
            "{0} failed: this submission no longer exists. Open your submissions from \"{1}\" to see the current ones.",
            actionLabel, T["My submissions"])
        : T.Format(
            "{0} failed: this task no longer exists. Open \"{1}\" to see your current tasks.", actionLabel, T["Inbox"]);

    private string Denied(AccessDeniedException error, string actionLabel)
    {
        if (error.InnerException is FieldAccessDeniedException field)
        {
            // The engine words a field permission breach with the field, the node and the fix in both languages.
            return T.Format("{0} failed: {1}", actionLabel,
                T.IsChinese && field.ChineseMessage is { } chinese ? chinese : field.Message);
        }

        if (error.InnerException is StartNotAllowedException)
        {
            return T.Format(
                "{0} failed: you may not start this flow here. Choose one of the flows that \"{1}\" lists.",
                actionLabel, T["Start a flow"]);
        }

        return error.Code == "task-not-assigned" && error.TextArguments is [_, string assignee]
            ? T.Format(
                "{0} failed: this task is assigned to {1}, so only they can act on it. Open \"{2}\" to see your own tasks.",
                actionLabel, userName(assignee), T["Inbox"])
            : T.Format(
                "{0} failed: your account may not do this. Ask an administrator for the access if you need it.",
                actionLabel);
    }

    private string StatusText(string status) => status switch
    {
        TaskStatuses.Completed => T["Completed"],
        TaskStatuses.Cancelled => T["Cancelled"],
        InstanceStatuses.Rejected => T["Rejected"],
        InstanceStatuses.Withdrawn => T["Withdrawn"],
        _ => status,
    };
}
