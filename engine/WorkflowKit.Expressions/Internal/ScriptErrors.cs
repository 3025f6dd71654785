using System.Globalization;
using System.Text.RegularExpressions;
using Jint.Runtime;

namespace WorkflowKit.Expressions.Internal;

/// <summary>Translates whatever the JavaScript engine throws into a <see cref="ScriptException"/>.</summary>
internal static class ScriptErrors
{
    public static ScriptException Syntax(string source, string description, int? line, int? column)
    {
        var where = line is null ? string.Empty : $" at line {line}, column {column}";
        return new ScriptException(
            ScriptErrorKind.Syntax, source,
            $"The script has a syntax error{where}: {description}. Fix the script text; nothing was run.",
            line: line, column: column);
    }

    public static ScriptException Cancelled(string source, Exception? inner = null) => new(
        ScriptErrorKind.Cancelled, source,
        "The script was cancelled by its caller (the instance or request was cancelled) before it finished.",
        inner);

    public static ScriptException Translate(
        Exception exception, string source, ScriptLimits limits, CancellationToken cancellationToken)
    {
        switch (exception)
        {
            case ScriptException already:
                return already;
            case ExecutionCanceledException or OperationCanceledException:
                return Cancelled(source, exception);
            case RegexMatchTimeoutException:
                return new ScriptException(
                    ScriptErrorKind.RegexTimeout, source,
                    $"A regular expression ran longer than {Milliseconds(limits.RegexTimeout)} ms "
                    + "(ScriptLimits.RegexTimeout) and was stopped. Simplify the pattern: nested quantifiers "
                    + "such as (a+)+ backtrack catastrophically on input that almost matches.",
                    exception);
            case TimeoutException when cancellationToken.IsCancellationRequested:
                return Cancelled(source, exception);
            case TimeoutException:
                return new ScriptException(
                    ScriptErrorKind.Timeout, source,
                    $"The script ran longer than its time limit of {Milliseconds(limits.TimeLimit)} ms "
                    + "(ScriptLimits.TimeLimit) and was stopped. Look for an endless loop or slow work, "
                    + "or raise the limit for this host.",
                    exception);
            case StatementsCountOverflowException:
                return new ScriptException(
                    ScriptErrorKind.StatementLimit, source,
                    $"The script executed more than {limits.MaxStatements:N0} statements "
                    + "(ScriptLimits.MaxStatements) and was stopped. Look for an endless loop, or move bulk "
                    + "work out of the script.",
                    exception);
            case MemoryLimitExceededException or StringTooLargeException or OutOfMemoryException:
                return MemoryLimit(source, limits, exception);
            case JavaScriptException js when IsInvalidLength(js):
                return MemoryLimit(source, limits, exception);
            case RecursionDepthOverflowException or InsufficientExecutionStackException:
                return RecursionLimit(source, limits, exception);
            case JavaScriptException js when js.Message.Contains("call stack size", StringComparison.Ordinal):
                return RecursionLimit(source, limits, exception);
            case JavaScriptException js:
                var line = js.Location.Start.Line > 0 ? js.Location.Start.Line : (int?)null;
                var at = line is null ? string.Empty : $" at line {line}";
                return new ScriptException(
                    ScriptErrorKind.Runtime, source, $"The script threw an error{at}: {js.Message}",
                    exception, line);
            default:
                return new ScriptException(
                    ScriptErrorKind.Runtime, source,
                    $"The script failed: {exception.Message}", exception);
        }
    }

    private static ScriptException MemoryLimit(string source, ScriptLimits limits, Exception exception) => new(
        ScriptErrorKind.MemoryLimit, source,
        $"The script allocated more than {limits.MemoryLimitBytes / (1024.0 * 1024.0):0.#} MB "
        + "(ScriptLimits.MemoryLimitBytes) and was stopped. Avoid building very large strings or arrays "
        + "in scripts.",
        exception);

    private static ScriptException RecursionLimit(string source, ScriptLimits limits, Exception exception) => new(
        ScriptErrorKind.RecursionLimit, source,
        $"The script nested function calls deeper than {limits.MaxRecursionDepth} levels "
        + "(ScriptLimits.MaxRecursionDepth) and was stopped. Look for a function that calls itself without "
        + "an end condition.",
        exception);

    private static bool IsInvalidLength(JavaScriptException exception) =>
        exception.Message.StartsWith("Invalid string length", StringComparison.Ordinal)
        || exception.Message.StartsWith("Invalid array length", StringComparison.Ordinal);

    private static string Milliseconds(TimeSpan span) =>
        span.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture);
}
