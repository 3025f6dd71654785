namespace WorkflowKit.Forms;

/// <summary>
/// A formula or default expression could not be evaluated on the current data, such as a
/// division by zero or a script that exceeded its limits. <see cref="Path"/> names the field or
/// cell (<c>lines[2].amount</c>) whose value could not be computed.
/// </summary>
public sealed class FormulaEvaluationException : Exception
{
    public FormulaEvaluationException()
    {
    }

    public FormulaEvaluationException(string message)
        : base(message)
    {
    }

    public FormulaEvaluationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public FormulaEvaluationException(string path, string message, Exception innerException)
        : base(message, innerException)
    {
        Path = path;
    }

    public string Path { get; } = string.Empty;
}
