using System.Globalization;
using System.Text;
using System.Text.Json;

namespace WorkflowKit.Organization;

/// <summary>
/// Describes a <see cref="JsonException"/> in plain words at one 1-based line and column. The parser's own message
/// gives a 0-based line and a byte offset in one place and a 1-based line in another.
/// </summary>
internal static class JsonSyntaxError
{
    /// <summary>Formats the location and the problem, such as <c>line 3, column 5: a comma is missing ...</c>.</summary>
    public static string Describe(string json, JsonException error)
    {
        var lines = json.Split('\n');
        var lineIndex = (int)Math.Clamp(error.LineNumber ?? 0, 0, lines.Length - 1);
        var line = lines[lineIndex];
        var bytes = Encoding.UTF8.GetBytes(line);
        var byteCount = (int)Math.Clamp(error.BytePositionInLine ?? 0, 0, bytes.Length);
        var column = Encoding.UTF8.GetCharCount(bytes, 0, byteCount);
        var offset = lines.Take(lineIndex).Sum(text => text.Length + 1) + column;
        var location = string.Create(
            CultureInfo.InvariantCulture, $"line {lineIndex + 1}, column {column + 1}");
        return $"{location}: {Problem(json, offset)}";
    }

    private static string Problem(string json, int offset)
    {
        var next = NextSignificant(json, offset);
        var previous = PreviousSignificant(json, offset);
        if (next is null)
        {
            return "the file ends early, because a closing } or ] is missing (or a string is not closed)";
        }

        if (next is '}' or ']' && previous == ',')
        {
            return $"a trailing comma comes before '{next}'; remove the comma";
        }

        if (next is '"' or '{' or '[' && previous is '"' or '}' or ']' or 'e' or 'l' || next is '"' && previous is
            >= '0' and <= '9')
        {
            return "a comma is missing between two values or properties";
        }

        if (next is '}' or ']' && previous is '{' or '[' or ':' && previous != (next == '}' ? '{' : '['))
        {
            return $"'{next}' does not close the bracket or value before it; check the brackets and values";
        }

        return $"unexpected character '{next}'; check for a missing quote, comma, colon or bracket before it";
    }

    private static char? NextSignificant(string json, int offset)
    {
        for (var index = Math.Max(offset, 0); index < json.Length; index++)
        {
            if (!char.IsWhiteSpace(json[index]))
            {
                return json[index];
            }
        }

        return null;
    }

    private static char? PreviousSignificant(string json, int offset)
    {
        for (var index = Math.Min(offset, json.Length) - 1; index >= 0; index--)
        {
            if (!char.IsWhiteSpace(json[index]))
            {
                return json[index];
            }
        }

        return null;
    }
}
