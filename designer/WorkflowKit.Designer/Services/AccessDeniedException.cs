namespace WorkflowKit.Designer.Services;

/// <summary>
/// The user may not see or change the named object. The API returns 403, or 404 when <see cref="NotFound"/> is set.
/// </summary>
public sealed class AccessDeniedException : Exception, ILocalizedError
{
    public AccessDeniedException(string message)
        : base(message)
    {
        TextFormat = message;
    }

    public AccessDeniedException(string message, Exception innerException)
        : base(message, innerException)
    {
        TextFormat = message;
    }

    public AccessDeniedException()
    {
        TextFormat = Message;
    }

    private AccessDeniedException(string code, string textFormat, object?[] textArguments, Exception? innerException)
        : base(InvalidInputException.Fill(textFormat, textArguments, "en"), innerException)
    {
        Code = code;
        TextFormat = textFormat;
        TextArguments = textArguments;
    }

    public string? Code { get; }

    /// <summary>
    /// The English composite format of the message, or the message itself when <see cref="TextArguments"/> is empty.
    /// </summary>
    public string TextFormat { get; }

    public IReadOnlyList<object?> TextArguments { get; } = [];

    /// <summary>
    /// The API's 404 reply when the user may not read the instance that the object belongs to, worded as for an object
    /// that does not exist, so that the reply names nobody and does not confirm the id. Null when the user may read the
    /// instance: the 403 reply then carries <see cref="Exception.Message"/>.
    /// </summary>
    public NotFoundException? NotFound { get; init; }

    /// <summary>Creates the refusal of a task, to open or act on, to a user who is not its assignee.</summary>
    /// <summary>Creates the refusal of an edit of a record that the user may read but not update.</summary>
    public static AccessDeniedException RecordNotEditable(string formKey, long recordId) => new(
        "record-not-editable",
        "You may read record {1} of form '{0}' but not edit it; ask an administrator for a permission rule with the " +
        "\"update\" action that covers this record.",
        [formKey, recordId], null);

    public static AccessDeniedException TaskNotAssigned(string taskId, string assignee, Exception innerException) => new(
        "task-not-assigned", "Task {0} is assigned to {1}, not to you; only the assignee may open it and act on it.",
        [taskId, assignee], innerException);

    /// <summary>Creates the refusal of a cancellation by a user who is not an administrator.</summary>
    public static AccessDeniedException CancelNotAllowed(string instanceId, string userId) => new(
        "forbidden",
        "Only an administrator may cancel instance {0}, not {1}; the initiator may withdraw it instead.",
        [instanceId, userId], null);

    /// <summary>Creates the refusal of a record export to a user whose permission rules grant no export.</summary>
    public static AccessDeniedException ExportNotAllowed(string userId, string formKey) => new(
        "forbidden",
        "User '{0}' may not export records of form '{1}'; ask an administrator for a permission rule with the \"export\" action.",
        [userId, formKey], null);
}
