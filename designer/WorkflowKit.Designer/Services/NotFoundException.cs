namespace WorkflowKit.Designer.Services;

/// <summary>An object that a request names, such as a task, does not exist. The API returns 404.</summary>
public sealed class NotFoundException : Exception, ILocalizedError
{
    public NotFoundException(string message)
        : base(message)
    {
        TextFormat = message;
    }

    public NotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
        TextFormat = message;
    }

    public NotFoundException()
    {
        TextFormat = Message;
    }

    private NotFoundException(string code, string textFormat, object?[] textArguments, Exception? innerException = null)
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

    /// <summary>Creates the error for a task id that does not exist, with the engine's message.</summary>
    public static NotFoundException Task(string taskId, Exception? innerException = null) =>
        new("task-not-found", "Task '{0}' does not exist; check the id.", [taskId], innerException);

    /// <summary>Creates the error for an instance id that does not exist, with the engine's message.</summary>
    public static NotFoundException Instance(string instanceId, Exception? innerException = null) =>
        new("instance-not-found", "Instance '{0}' does not exist; check the id.", [instanceId], innerException);

    /// <summary>
    /// Creates the error for a record that does not exist or that the user may not read; both get this text, so that it
    /// does not confirm the id.
    /// </summary>
    public static NotFoundException Record(string formKey, long recordId, Exception? innerException = null) => new(
        "record-not-found",
        "Form '{0}' has no record {1} that you may read; check the id, or list the records with GET /api/records/{0}.",
        [formKey, recordId], innerException);

    /// <summary>Creates the error for a flow key without a published version, with the engine's message.</summary>
    public static NotFoundException FlowNotPublished(string flowKey, Exception? innerException = null) =>
        new("not-found", "Flow '{0}' is not published; publish it before starting instances.", [flowKey], innerException);

    /// <summary>Creates the error for an incident id that does not exist, with the engine's message.</summary>
    public static NotFoundException Incident(string incidentId, Exception? innerException = null) =>
        new("incident-not-found", "Incident '{0}' does not exist; check the id.", [incidentId], innerException);

    /// <summary>Creates the error for a notification id that does not exist or belongs to another user.</summary>
    public static NotFoundException Notification(string notificationId) => new(
        "notification-not-found",
        "Notification '{0}' does not exist or is not yours; check the id with GET /api/notifications.",
        [notificationId]);
}
