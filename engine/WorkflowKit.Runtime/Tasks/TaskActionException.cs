namespace WorkflowKit.Runtime.Tasks;

/// <summary>
/// A task action the engine rejected because of the request: the action, its target user, signer position or return
/// node. The message is for API clients and names request fields such as <c>targetUserId</c>, so screens word their
/// own message from <see cref="Error"/> and the typed properties.
/// </summary>
public sealed class TaskActionException : ArgumentException
{
    public TaskActionException(TaskActionError error, string message)
        : base(message)
    {
        Error = error;
    }

    public TaskActionException()
    {
    }

    public TaskActionException(string message)
        : base(message)
    {
    }

    public TaskActionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public TaskActionError Error { get; }

    /// <summary>The action name as the request sent it.</summary>
    public string? Action { get; init; }

    public string? TaskId { get; init; }

    public string? NodeId { get; init; }

    /// <summary>The target user id as the request sent it, for errors about the target user.</summary>
    public string? TargetUserId { get; init; }

    /// <summary>The target user's part in the node, for <see cref="TaskActionError.TargetTakesPart"/>.</summary>
    public TaskParticipation? Participation { get; init; }

    /// <summary>The actions the node offers, for <see cref="TaskActionError.ActionNotOffered"/>.</summary>
    public IReadOnlyList<string> Offered { get; init; } = [];

    /// <summary>The action names a request may send, for <see cref="TaskActionError.UnknownAction"/>.</summary>
    public IReadOnlyList<string> Accepted { get; init; } = [];
}
