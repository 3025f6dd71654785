using WorkflowKit.Definitions;

namespace WorkflowKit.Runtime.Tasks;

/// <summary>The latest return of an instance to its initiator, as its resubmission task shows it.</summary>
/// <param name="ReturnedBy">User id of the person who returned it.</param>
/// <param name="FromNodeId">The node whose task was returned.</param>
/// <param name="Comment">The returner's comment, null when they gave none.</param>
/// <param name="At">When it was returned.</param>
public sealed record ReturnNote(string ReturnedBy, string FromNodeId, string? Comment, DateTimeOffset At)
{
    /// <summary>
    /// The comment in each language when the engine returned the instance, such as at a task's deadline; null for a
    /// person's comment.
    /// </summary>
    public LocalizedText? LocalizedComment { get; init; }
}
