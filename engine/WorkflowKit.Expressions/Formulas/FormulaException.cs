namespace WorkflowKit.Expressions;

/// <summary>
/// A parsed formula could not be evaluated against the given values: division by zero, text where a number
/// is needed, a sub-table column used as a single value, or a date that is not ISO 8601.
/// </summary>
public sealed class FormulaException : InvalidOperationException
{
    public FormulaException()
        : this("The formula could not be evaluated.", string.Empty, 1)
    {
    }

    public FormulaException(string message)
        : this(message, string.Empty, 1)
    {
    }

    public FormulaException(string message, Exception innerException)
        : base(message, innerException)
    {
        Formula = string.Empty;
        Column = 1;
    }

    public FormulaException(string message, string formula, int column, Exception? innerException = null)
        : base(message, innerException)
    {
        Formula = formula;
        Column = column;
    }

    /// <summary>The formula text.</summary>
    public string Formula { get; }

    /// <summary>1-based column of the operator, function or field that failed.</summary>
    public int Column { get; }
}
