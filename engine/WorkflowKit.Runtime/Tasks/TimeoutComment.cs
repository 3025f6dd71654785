using WorkflowKit.Definitions;

namespace WorkflowKit.Runtime.Tasks;

/// <summary>
/// The comment of a decision that the system takes when a task passes its deadline: approve, reject or return by the
/// node's overdue policy. The task's and the audit line's <c>comment</c> keep the English text, and the audit line's
/// <c>details.comment</c> has both languages, so that pages and notices show the reader's language.
/// </summary>
public static class TimeoutComment
{
    /// <summary>
    /// Builds the comment in Chinese and English for <paramref name="action"/> (<c>approve</c>, <c>reject</c> or
    /// <c>return</c>), naming the missed deadline as wall-clock text in the flow's time zone.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="action"/> is not one of the three.</exception>
    public static LocalizedText For(string action, string dueAt)
    {
        var (chinese, english) = action switch
        {
            TaskActions.Approve => ("自动同意", "approved"),
            TaskActions.Reject => ("自动驳回", "rejected"),
            TaskActions.Return => ("自动退回", "returned"),
            _ => throw new ArgumentOutOfRangeException(
                nameof(action), action, "Expected an overdue action of approve, reject or return."),
        };
        return new LocalizedText(
            $"已于 {dueAt} 超期，系统{chinese}。",
            $"Overdue since {dueAt}: {english} automatically.");
    }
}
