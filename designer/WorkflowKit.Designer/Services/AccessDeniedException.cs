namespace WorkflowKit.Designer.Services;

/// <summary>The user may not see or change the named object; the API answers 403.</summary>
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
}
