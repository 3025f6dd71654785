using WorkflowKit.Designer.Accounts;
using WorkflowKit.Designer.Localization;
using WorkflowKit.Runtime.Delegations;

namespace WorkflowKit.Designer.Delegations;

/// <summary>Words a rejected delegation in the page language, with user names in place of ids.</summary>
public static class DelegationErrorText
{
    public static string Of(DelegationException error, UiText text, IReadOnlyList<DesignerUser> users)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(users);
        string Name(string? id) => users.FirstOrDefault(user => user.Id == id)?.DisplayName ?? id ?? string.Empty;
        return error.Error switch
        {
            DelegationError.UserNotFound => text["Choose the user whose tasks should be delegated."],
            DelegationError.DelegateMissing => text["Choose a delegate."],
            DelegationError.DelegatesToSelf => text["You cannot delegate to yourself; choose another person."],
            DelegationError.DelegateNotFound => text["The delegate is unknown or disabled; choose an active user."],
            DelegationError.TimeMissing => text["Enter both the start and the end."],
            DelegationError.EndNotAfterStart => text["The end must be after the start."],
            DelegationError.EndInPast => text["The end has already passed; choose a later end."],
            DelegationError.NoteTooLong => text.Format("The note may have at most {0} characters.", DelegationService.MaxNoteLength),
            DelegationError.FlowKeyBlank => text["A flow in the filter is blank; remove it."],
            DelegationError.FlowNotFound => text["A flow in the filter is not published; pick a published flow."],
            DelegationError.Overlaps when error.Conflicting is { } other => text.Format(
                "This period overlaps the delegation to {0} for the same flows; end that delegation first, choose another period or pick other flows.",
                Name(other.DelegateId)),
            DelegationError.NotPermitted => text["Only administrators delegate for other users."],
            DelegationError.NotFound => text["This delegation no longer exists; reload the page."],
            DelegationError.AlreadyEnded => text["This delegation has already ended."],
            _ => error.Message,
        };
    }
}
