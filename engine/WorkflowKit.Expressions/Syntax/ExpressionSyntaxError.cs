namespace WorkflowKit.Expressions;

/// <summary>A syntax error found without running anything.</summary>
/// <param name="Message">What is wrong, in the parser's words.</param>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column.</param>
/// <param name="Token">The offending token text, when known.</param>
public sealed record ExpressionSyntaxError(string Message, int Line, int Column, string? Token = null);
