namespace WorkflowKit.Cli;

/// <summary>A mistake on the command line that parsing could not catch, such as a path that does not exist.</summary>
public sealed class UsageException : Exception
{
    public UsageException()
    {
    }

    public UsageException(string message)
        : base(message)
    {
    }

    public UsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
