namespace WorkflowKit.Designer.Services;

/// <summary>
/// The user may not see or change the named object. The API returns 403, or 404 when <see cref="NotFoundMessage"/> is set.
/// </summary>
public sealed class AccessDeniedException : Exception
{
    public AccessDeniedException(string message)
        : base(message)
    {
    }

    public AccessDeniedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public AccessDeniedException()
    {
    }

    /// <summary>
    /// The message of the API's 404 reply when the user may not read the instance that the object belongs to, worded
    /// as for an object that does not exist, so that the reply names nobody and does not confirm the id. Null when the
    /// user may read the instance: the 403 reply then carries <see cref="Exception.Message"/>.
    /// </summary>
    public string? NotFoundMessage { get; init; }
}
