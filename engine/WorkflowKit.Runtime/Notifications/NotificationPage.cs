namespace WorkflowKit.Runtime.Notifications;

/// <summary>One page of a user's notifications, newest first, and how many the whole list has.</summary>
/// <param name="Items">The notifications of the page.</param>
/// <param name="Total">The notifications that match the query over all pages.</param>
public sealed record NotificationPage(IReadOnlyList<Notification> Items, int Total);
