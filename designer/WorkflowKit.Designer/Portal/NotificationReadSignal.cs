namespace WorkflowKit.Designer.Portal;

/// <summary>
/// Tells the app bar's unread badge that the notifications page marked notifications read. It is scoped, so it reaches
/// the badge of the same circuit only; badges of the user's other tabs update on their next navigation.
/// </summary>
public sealed class NotificationReadSignal
{
    public event Action? Read;

    public void Raise() => Read?.Invoke();
}
