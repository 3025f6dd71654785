using Acornima;
using WorkflowKit.Expressions.Internal;

namespace WorkflowKit.Expressions;

/// <summary>Checks JavaScript for syntax errors with the same parser the <see cref="ScriptHost"/> uses.</summary>
public static class ExpressionSyntax
{
    /// <summary>
    /// Parses the script without running it. Returns the first syntax error with its line and column, or an
    /// empty list when the script parses.
    /// </summary>
    public static IReadOnlyList<ExpressionSyntaxError> Check(string javaScript)
    {
        ArgumentNullException.ThrowIfNull(javaScript);
        try
        {
            new Parser(DecimalRewriter.ParserOptions).ParseScript(javaScript);
            return [];
        }
        catch (ParseErrorException exception)
        {
            var index = exception.Error.IsIndexDefined ? exception.Error.Index : -1;
            var token = index >= 0 && index < javaScript.Length ? TokenAt(javaScript, index) : null;
            return [new ExpressionSyntaxError(exception.Description, exception.LineNumber, exception.Column + 1, token)];
        }
        catch (InsufficientExecutionStackException)
        {
            return [new ExpressionSyntaxError("The script nests expressions too deeply to be parsed.", 1, 1)];
        }
    }

    private static string TokenAt(string text, int index)
    {
        var end = index;
        while (end < text.Length && (char.IsLetterOrDigit(text[end]) || text[end] is '_' or '$'))
        {
            end++;
        }

        return end == index ? text[index].ToString() : text[index..end];
    }
}
