using System.Globalization;
using System.Text;

namespace WorkflowKit.Records;

/// <summary>
/// A serial number pattern such as <c>SO-{yyyyMMdd}-{seq:4}</c>: literal text, date parts in
/// braces (any .NET custom date format), and exactly one <c>{seq}</c> or <c>{seq:WIDTH}</c>
/// that is zero-padded to WIDTH digits. The sequence restarts whenever the text rendered
/// from the date parts changes, so <c>{yyyyMMdd}</c> restarts daily and a pattern without a
/// date part never restarts.
/// </summary>
public sealed class SerialNumberPattern
{
    private readonly List<(string? Literal, string? DateFormat, int SeqWidth)> _parts;

    private SerialNumberPattern(string pattern, List<(string?, string?, int)> parts)
    {
        Pattern = pattern;
        _parts = parts;
    }

    public string Pattern { get; }

    /// <summary>Parses a pattern.</summary>
    /// <exception cref="FormatException">Unbalanced braces, a bad width, or not exactly one sequence part.</exception>
    public static SerialNumberPattern Parse(string pattern)
    {
        ArgumentException.ThrowIfNullOrEmpty(pattern);
        var parts = new List<(string?, string?, int)>();
        var literal = new StringBuilder();
        var sequences = 0;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '}')
            {
                throw new FormatException($"Serial pattern '{pattern}' has a '}}' without '{{' at position {i + 1}.");
            }

            if (c != '{')
            {
                literal.Append(c);
                continue;
            }

            var end = pattern.IndexOf('}', i + 1);
            if (end < 0)
            {
                throw new FormatException($"Serial pattern '{pattern}' has a '{{' without '}}' at position {i + 1}.");
            }

            if (literal.Length > 0)
            {
                parts.Add((literal.ToString(), null, 0));
                literal.Clear();
            }

            var token = pattern[(i + 1)..end];
            if (token == "seq" || token.StartsWith("seq:", StringComparison.Ordinal))
            {
                var width = token == "seq" ? 1 : ParseWidth(pattern, token[4..]);
                parts.Add((null, null, width));
                sequences++;
            }
            else if (token.Length == 0)
            {
                throw new FormatException($"Serial pattern '{pattern}' has an empty '{{}}' at position {i + 1}.");
            }
            else
            {
                parts.Add((null, token, 0));
            }

            i = end;
        }

        if (literal.Length > 0)
        {
            parts.Add((literal.ToString(), null, 0));
        }

        if (sequences != 1)
        {
            throw new FormatException(
                $"Serial pattern '{pattern}' must contain exactly one {{seq}} or {{seq:WIDTH}} part, found " +
                $"{sequences}.");
        }

        return new SerialNumberPattern(pattern, parts);
    }

    /// <summary>The text that identifies the sequence for a local date: equal keys share one counter.</summary>
    public string PeriodKey(DateTime localTime) => Render(localTime, null);

    /// <summary>Renders the serial number for a local date and sequence value.</summary>
    public string Format(DateTime localTime, long sequence) => Render(localTime, sequence);

    private string Render(DateTime localTime, long? sequence)
    {
        var text = new StringBuilder();
        foreach (var (literal, dateFormat, width) in _parts)
        {
            if (literal is not null)
            {
                text.Append(literal);
            }
            else if (dateFormat is not null)
            {
                text.Append(localTime.ToString(dateFormat, CultureInfo.InvariantCulture));
            }
            else if (sequence is { } value)
            {
                text.Append(value.ToString(CultureInfo.InvariantCulture).PadLeft(width, '0'));
            }
            else
            {
                text.Append("{seq}");
            }
        }

        return text.ToString();
    }

    private static int ParseWidth(string pattern, string text)
    {
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var width) || width is < 1 or > 18)
        {
            throw new FormatException(
                $"Serial pattern '{pattern}' has sequence width '{text}'; expected a whole number from 1 to 18.");
        }

        return width;
    }
}
