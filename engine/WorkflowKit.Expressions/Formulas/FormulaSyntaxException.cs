namespace WorkflowKit.Expressions;

/// <summary>A formula could not be parsed. <see cref="Column"/> and <see cref="Token"/> locate the problem.</summary>
public sealed class FormulaSyntaxException : FormatException
{
    public FormulaSyntaxException()
        : this("The formula has a syntax error.", string.Empty, 1, string.Empty)
    {
    }

    public FormulaSyntaxException(string message)
        : this(message, string.Empty, 1, string.Empty)
    {
    }

    public FormulaSyntaxException(string message, Exception innerException)
        : base(message, innerException)
    {
        Formula = string.Empty;
        Column = 1;
        Token = string.Empty;
    }

    public FormulaSyntaxException(string message, string formula, int column, string token)
        : base(message)
    {
        Formula = formula;
        Column = column;
        Token = token;
    }

    /// <summary>The formula text as passed in.</summary>
    public string Formula { get; }

    /// <summary>1-based column of the offending token.</summary>
    public int Column { get; }

    /// <summary>The offending token text ("" at the end of the formula).</summary>
    public string Token { get; }

    /// <summary>The same facts as an <see cref="ExpressionSyntaxError"/> (formulas are one line).</summary>
    public ExpressionSyntaxError ToError() => new(Message, 1, Column, Token);
}
