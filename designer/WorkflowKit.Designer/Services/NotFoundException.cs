namespace WorkflowKit.Designer.Services;

/// <summary>An object that a request names, such as a task, does not exist. The API returns 404.</summary>
public sealed class NotFoundException : Exception
{
    public NotFoundException(string message)
        : base(message)
    {
    }

    public NotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public NotFoundException()
    {
    }
}
