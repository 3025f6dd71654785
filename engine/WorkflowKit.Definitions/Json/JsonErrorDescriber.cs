using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using WorkflowKit.Definitions.Json.Internal;

namespace WorkflowKit.Definitions.Json;

/// <summary>
/// Words a <see cref="JsonException"/> from reading a file or request body in plain words: the source, the 1-based
/// line and column, the JSON path, what is wrong and what to do, in English or Chinese.
/// </summary>
/// <remarks>
/// When the text is given, the describer reads its characters to find and classify the problem, and counts the column
/// in characters. System.Text.Json has no error codes, so only without the text does it fall back to recognizing the
/// English messages of System.Text.Json 10, and a message that it does not recognize gets a general description at the
/// reader's location.
/// </remarks>
public static partial class JsonErrorDescriber
{
    /// <summary>The source name for an HTTP request body, worded in the message's language.</summary>
    public const string RequestBody = "the request body";

    /// <summary>Describes <paramref name="error"/>, thrown while reading <paramref name="text"/>.</summary>
    /// <param name="error">The exception from System.Text.Json.</param>
    /// <param name="source">The file name, or <see cref="RequestBody"/>, that the message names.</param>
    /// <param name="text">The text that was read, or null when it is no longer available.</param>
    /// <param name="culture">The language of the message: Chinese for a culture whose name starts with zh.</param>
    /// <param name="allowComments">Whether the reader skipped comments.</param>
    /// <param name="allowTrailingCommas">Whether the reader accepted trailing commas.</param>
    /// <param name="expected">
    /// The kind of value that the reader expected at the error's path, such as "a whole number", when the caller knows
    /// it. Otherwise a value of the wrong type is worded with the type that the exception names.
    /// </param>
    public static JsonErrorDescription Describe(
        JsonException error, string source, string? text, CultureInfo? culture = null, bool allowComments = false,
        bool allowTrailingCommas = false, string? expected = null)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(source);
        var chinese = culture?.Name.StartsWith("zh", StringComparison.OrdinalIgnoreCase) == true;
        var words = new JsonErrorWording(chinese, text);
        var found = TooDeep(error, text) ?? (text is null ? null : Find(error, text, allowComments, allowTrailingCommas));
        found ??= FromReaderMessage(error);
        if (found.Kind == JsonErrorKind.WrongType && text is not null)
        {
            found = found with { Found = ValueKind(text, found.Offset, chinese) };
        }

        var expectedText = expected ?? (chinese ? null : ExpectedType(error));
        var (problem, fix) = found.Kind == JsonErrorKind.Unknown && !IsReaderError(error)
            ? (ConverterMessage(error), chinese ? "请更正这个值。" : "Correct the value.")
            : words.Explain(found, expectedText);
        var (line, column) = text is null
            ? ((int)(error.LineNumber ?? 0) + 1, (int)(error.BytePositionInLine ?? 0) + 1)
            : Position(text, found.Offset >= 0 ? found.Offset : OffsetOf(text, error));
        var path = found.Path.Length > 0 ? found.Path : error.Path ?? "$";
        var syntax = IsReaderError(error);
        var message = words.Message(source, syntax, line, column, path, problem, fix);
        return new JsonErrorDescription(found.Kind, source, line, column, path, problem, fix, message);
    }

    /// <summary>
    /// Returns the 1-based line and column, in characters, of a 0-based character <paramref name="offset"/>. A line
    /// ends at <c>\n</c>, so <c>\r\n</c> counts once.
    /// </summary>
    public static (int Line, int Column) Position(string text, int offset)
    {
        ArgumentNullException.ThrowIfNull(text);
        var end = Math.Clamp(offset, 0, text.Length);
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < end; i++)
        {
            if (text[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        var column = 1;
        for (var i = lineStart; i < end; i++)
        {
            if (!char.IsLowSurrogate(text[i]) && text[i] != '\r')
            {
                column++;
            }
        }

        return (line, column);
    }

    /// <summary>
    /// Whether System.Text.Json's reader threw <paramref name="error"/> for broken syntax. The reader throws a subclass
    /// of <see cref="JsonException"/>, which the serializer wraps, and converters throw the base type.
    /// </summary>
    private static bool IsReaderError(JsonException error) =>
        error.GetType() != typeof(JsonException) || error.InnerException is JsonException;

    /// <summary>
    /// Returns the reader's rejection of nesting deeper than its limit, at the reader's place, or null for another
    /// error. The text is not scanned, because a deeply nested body is a typical denial-of-service request.
    /// </summary>
    private static JsonScanProblem? TooDeep(JsonException error, string? text)
    {
        var match = DepthExceeded().Match((error.InnerException as JsonException ?? error).Message);
        if (!match.Success)
        {
            return null;
        }

        var offset = text is null ? -1 : OffsetOf(text, error);
        return new JsonScanProblem(JsonErrorKind.TooDeep, offset, error.Path ?? "$", Expected: match.Groups["depth"].Value);
    }

    private static JsonScanProblem? Find(JsonException error, string text, bool allowComments, bool trailingCommas)
    {
        var scan = JsonTextScanner.Scan(text, allowComments, trailingCommas, IsReaderError(error) ? null : error.Path ?? "$");
        if (IsReaderError(error))
        {
            // The reader stops on the problem's line, at or just after it. A problem that the scanner finds elsewhere
            // means that the two disagree, for example because the caller's reader skipped comments and the caller
            // did not say so, and then the reader's message is used instead.
            var readerOffset = OffsetOf(text, error);
            var lineStart = readerOffset;
            while (lineStart > 0 && text[lineStart - 1] != '\n')
            {
                lineStart--;
            }

            return scan.Syntax is { } syntax && syntax.Offset >= lineStart && syntax.Offset <= readerOffset + 1
                ? syntax
                : null;
        }

        // The serializer reports a duplicate at the property's path; JsonDocument and JsonNode report no place at all.
        var path = error.Path ?? "$";
        if (scan.Duplicate is { } duplicate && error.InnerException is null
            && (duplicate.Path == error.Path || error.Path is null && error.LineNumber is null))
        {
            return duplicate;
        }

        var offset = scan.TargetOffset ?? OffsetOf(text, error);
        var wrongType = error.InnerException is InvalidOperationException or FormatException
            || ConvertedTo().IsMatch(error.Message);
        return wrongType
            ? new JsonScanProblem(JsonErrorKind.WrongType, offset, path)
            : new JsonScanProblem(JsonErrorKind.Unknown, offset, path);
    }

    /// <summary>Converts the reader's 0-based line and UTF-8 byte position into a character offset.</summary>
    private static int OffsetOf(string text, JsonException error)
    {
        var lineStart = 0;
        for (var line = 0L; line < (error.LineNumber ?? 0); line++)
        {
            var next = text.IndexOf('\n', lineStart);
            if (next < 0)
            {
                break;
            }

            lineStart = next + 1;
        }

        var lineEnd = text.IndexOf('\n', lineStart);
        var lineText = text[lineStart..(lineEnd < 0 ? text.Length : lineEnd)];
        var bytes = Encoding.UTF8.GetBytes(lineText);
        var byteCount = (int)Math.Clamp(error.BytePositionInLine ?? 0, 0, bytes.Length);
        return lineStart + Encoding.UTF8.GetCharCount(bytes, 0, byteCount);
    }

    private static string? ValueKind(string text, int offset, bool chinese)
    {
        var c = offset < text.Length ? text[offset] : '\0';
        return c switch
        {
            '"' => chinese ? "文本" : "text",
            '{' => chinese ? "对象" : "an object",
            '[' => chinese ? "列表" : "a list",
            't' or 'f' => chinese ? "是非值" : "true or false",
            'n' => "null",
            '-' or (>= '0' and <= '9') => chinese ? "数字" : "a number",
            _ => null,
        };
    }

    private static string? ExpectedType(JsonException error)
    {
        var match = ConvertedTo().Match(error.Message);
        if (!match.Success)
        {
            return null;
        }

        var type = match.Groups["type"].Value;
        if (type.StartsWith("System.Nullable`1[", StringComparison.Ordinal))
        {
            type = type["System.Nullable`1[".Length..^1];
        }

        // The serializer names a record of this project, not its member's type, when a constructor parameter fails.
        if (type.StartsWith("WorkflowKit.", StringComparison.Ordinal))
        {
            return null;
        }

        var words = ValueTypeWording.Describe(type);
        return words == "a value of another kind" ? null : words;
    }

    /// <summary>The message of a converter's own exception, without the reader's location suffix.</summary>
    private static string ConverterMessage(JsonException error) =>
        LocationSuffix().Replace(error.Message, string.Empty).TrimEnd('.', ' ');

    /// <summary>
    /// Classifies a reader error by its English message when the text is not available, such as a request body that
    /// could not be read twice.
    /// </summary>
    private static JsonScanProblem FromReaderMessage(JsonException error)
    {
        var reader = error.InnerException as JsonException ?? error;
        var message = LocationSuffix().Replace(reader.Message, string.Empty);
        var path = error.Path ?? string.Empty;
        var character = FoundCharacter().Match(message);
        var found = character.Success ? character.Groups["found"].Value : null;
        bool Has(string part) => message.Contains(part, StringComparison.Ordinal);

        var kind = message switch
        {
            _ when !IsReaderError(error) => ConvertedTo().IsMatch(message) || error.InnerException is not null
                ? JsonErrorKind.WrongType
                : JsonErrorKind.Unknown,
            _ when Has("trailing comma") => JsonErrorKind.TrailingComma,
            _ when Has("does not contain any JSON tokens") => JsonErrorKind.Empty,
            _ when Has("Expected depth to be zero") => JsonErrorKind.UnexpectedEnd,
            _ when Has("Expected end of string") => JsonErrorKind.UnclosedString,
            _ when Has("reached end of data") => JsonErrorKind.UnexpectedEnd,
            _ when Has("escapable character") => JsonErrorKind.InvalidEscape,
            _ when Has("within a JSON string") => JsonErrorKind.ControlCharacter,
            _ when Has("invalid JSON literal") => JsonErrorKind.InvalidValue,
            _ when Has("without a matching open") => JsonErrorKind.MismatchedBracket,
            _ when Has("number") || Has("leading zero") => JsonErrorKind.InvalidNumber,
            _ when found == "/" => JsonErrorKind.Comment,
            _ when Has("is invalid after a property name") => JsonErrorKind.MissingColon,
            _ when Has("is an invalid start of a property name") =>
                found == "'" ? JsonErrorKind.SingleQuotes : JsonErrorKind.UnquotedPropertyName,
            _ when Has("is invalid after a single JSON value") => JsonErrorKind.TextAfterEnd,
            _ when Has("is invalid after a value") =>
                found is "\"" or "{" or "[" || found?.Length == 1 && char.IsLetterOrDigit(found[0])
                    ? JsonErrorKind.MissingComma
                    : JsonErrorKind.UnexpectedCharacter,
            _ when Has("is an invalid start of a value") => found switch
            {
                "," or "}" or "]" => JsonErrorKind.MissingValue,
                "'" => JsonErrorKind.SingleQuotes,
                _ when found?.Length == 1 && char.IsLetter(found[0]) => JsonErrorKind.InvalidValue,
                _ => JsonErrorKind.UnexpectedCharacter,
            },
            _ => JsonErrorKind.Unknown,
        };
        return new JsonScanProblem(kind, -1, path, found);
    }

    // System.Text.Json: "'x' is an invalid start of a value. Path: $.a | LineNumber: 0 | BytePositionInLine: 5."
    [GeneratedRegex("^'(?<found>.+?)' is ")]
    private static partial Regex FoundCharacter();

    // System.Text.Json: "The JSON value could not be converted to System.Int32. Path: $.n | LineNumber: ..."
    [GeneratedRegex(@"maximum configured depth of (?<depth>\d+) has been exceeded")]
    private static partial Regex DepthExceeded();

    [GeneratedRegex(@"could not be converted to (?<type>\S+?)\.( Path:|$)")]
    private static partial Regex ConvertedTo();

    [GeneratedRegex(@"\s*(Path: \S* \| )?LineNumber: \d+ \| BytePositionInLine: \d+\.\s*$")]
    private static partial Regex LocationSuffix();
}
