using WorkflowKit.Designer.Localization;
using WorkflowKit.Runtime.Notifications;

namespace WorkflowKit.Designer.Portal;

/// <summary>The name of a notification kind in the page language.</summary>
public static class NotificationKindText
{
    /// <summary>Returns the kind's name, or the kind itself for a kind this version does not know.</summary>
    public static string Of(string kind, UiText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return kind switch
        {
            NotificationKinds.TaskAssigned => text["New task"],
            NotificationKinds.Returned => text["Returned"],
            NotificationKinds.Rejected => text["Rejected"],
            NotificationKinds.Delegated => text["Delegated task"],
            NotificationKinds.CarbonCopy => text["CC"],
            NotificationKinds.Reminder => text["Deadline reminder"],
            NotificationKinds.Overdue => text["Overdue"],
            NotificationKinds.Escalated => text["Escalated away"],
            NotificationKinds.DelegationLoop => text["Delegation loop"],
            NotificationKinds.Urge => text["Urge"],
            NotificationKinds.Message => text["Message"],
            _ => kind,
        };
    }
}
