namespace WorkflowKit.Expressions.Internal;

/// <summary>Raised by the prelude's size checks before a string larger than the memory limit is built.</summary>
internal sealed class StringTooLargeException : Exception
{
    public StringTooLargeException()
    {
    }

    public StringTooLargeException(string message)
        : base(message)
    {
    }

    public StringTooLargeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
