namespace WorkflowKit.Designer.Hosting;

/// <summary>
/// The designer cannot start on this database: it was unreachable during start-up, or an earlier first start stopped
/// while it loaded the demo accounts and sample data. The message states what happened and what to do.
/// </summary>
public sealed class FirstStartException : Exception
{
    public FirstStartException()
    {
    }

    public FirstStartException(string message)
        : base(message)
    {
    }

    public FirstStartException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
