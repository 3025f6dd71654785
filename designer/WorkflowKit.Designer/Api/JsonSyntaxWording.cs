using System.Text.RegularExpressions;

namespace WorkflowKit.Designer.Api;

/// <summary>
/// Rewrites the System.Text.Json reader's syntax error messages into plain words for API clients. The reader's own
/// messages suggest reader options, such as "not supported in this mode. Change the reader options." for a trailing
/// comma, which a client cannot change.
/// </summary>
/// <remarks>
/// The reader exposes no error code, so the cases are recognized by the English messages of System.Text.Json 10. A
/// message that matches no case keeps its text without any sentence about reader options or modes.
/// </remarks>
internal static partial class JsonSyntaxWording
{
    /// <summary>Returns the plain words for a reader message whose location suffix has been removed.</summary>
    public static string Describe(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Contains("trailing comma", StringComparison.Ordinal))
        {
            return "A comma follows the last member of an object or the last item of a list. Remove that comma.";
        }

        if (message.StartsWith("Expected depth to be zero", StringComparison.Ordinal))
        {
            return "The body ends before the JSON is complete, because an object or list is not closed. " +
                   "Complete the last value and add the missing } or ].";
        }

        if (message.Contains("reached end of data", StringComparison.Ordinal))
        {
            return "The body ends in the middle of a value. Complete the value and close every object and list.";
        }

        var match = InvalidCharacter().Match(message);
        if (match.Success)
        {
            var found = match.Groups["found"].Value;
            return match.Groups["where"].Value switch
            {
                "is an invalid start of a value" =>
                    $"'{found}' cannot start a value. A value is text in double quotes, a number, true, false, null, " +
                    "an object or a list.",
                "is invalid after a value" => $"'{found}' follows a value where a comma, }} or ] is expected.",
                "is invalid after a property name" => $"'{found}' follows a property name where a colon is expected.",
                "is an invalid start of a property name" =>
                    $"'{found}' starts a property name. Property names are text in double quotes.",
                _ => $"'{found}' follows the end of the JSON value. Send one JSON value with nothing after it.",
            };
        }

        var literal = InvalidLiteral().Match(message);
        if (literal.Success)
        {
            var found = literal.Groups["found"].Value;
            return $"'{found}' is not a valid value. Expected {literal.Groups["expected"].Value}.";
        }

        if (message.Contains("within a JSON string", StringComparison.Ordinal))
        {
            return "A text value contains a control character or an invalid escape sequence. Escape it, for " +
                   "example a line break as \\n and a backslash as \\\\.";
        }

        return ReaderOptionsSentence().Replace(message, string.Empty).Trim();
    }

    [GeneratedRegex(
        "^'(?<found>.*)' (?<where>is an invalid start of a value|is invalid after a value|" +
        "is invalid after a property name|is an invalid start of a property name|" +
        "is invalid after a single JSON value)\\.")]
    private static partial Regex InvalidCharacter();

    [GeneratedRegex("^'(?<found>.*)' is an invalid JSON literal\\. Expected the literal '(?<expected>\\w+)'\\.")]
    private static partial Regex InvalidLiteral();

    [GeneratedRegex(@"[^.]*(reader options|in this mode)[^.]*\.")]
    private static partial Regex ReaderOptionsSentence();
}
