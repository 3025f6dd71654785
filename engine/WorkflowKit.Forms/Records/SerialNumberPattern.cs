using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

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
    private readonly Regex _reader;

    private SerialNumberPattern(string pattern, List<(string?, string?, int)> parts)
    {
        Pattern = pattern;
        _parts = parts;
        _reader = BuildReader(parts);
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

    /// <summary>
    /// Reads a serial number that this pattern could have rendered, such as one kept by an import: returns the
    /// period key of its counter and its sequence value. A number does not fit when its literal text differs, a date
    /// part does not render back to the same text, or the sequence has fewer digits than the width or more than 18.
    /// </summary>
    public bool TryRead(string serialNumber, out string periodKey, out long sequence)
    {
        ArgumentNullException.ThrowIfNull(serialNumber);
        periodKey = string.Empty;
        sequence = 0;
        var match = _reader.Match(serialNumber);
        if (!match.Success)
        {
            return false;
        }

        var key = new StringBuilder();
        var group = 1;
        foreach (var (literal, dateFormat, _) in _parts)
        {
            if (literal is not null)
            {
                key.Append(literal);
                continue;
            }

            var text = match.Groups[group].Value;
            group++;
            if (dateFormat is null)
            {
                if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out sequence) || sequence < 1)
                {
                    return false;
                }

                key.Append("{seq}");
            }
            else if (!DateTime.TryParseExact(text, dateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None,
                         out var date) || date.ToString(dateFormat, CultureInfo.InvariantCulture) != text)
            {
                return false;
            }
            else
            {
                key.Append(text);
            }
        }

        periodKey = key.ToString();
        return true;
    }

    /// <summary>
    /// Builds the regular expression that splits a rendered number into its date parts and sequence. Numeric date
    /// specifiers (y, M, d, H, h, m, s, f) become digit runs of their length, so that <c>{yyyyMMdd}{seq:4}</c> splits
    /// after eight digits. Other date text, such as month names, matches lazily and is checked by parsing it back.
    /// </summary>
    private static Regex BuildReader(List<(string? Literal, string? DateFormat, int SeqWidth)> parts)
    {
        var expression = new StringBuilder("^");
        foreach (var (literal, dateFormat, width) in parts)
        {
            if (literal is not null)
            {
                expression.Append(Regex.Escape(literal));
            }
            else if (dateFormat is not null)
            {
                expression.Append('(').Append(DatePartExpression(dateFormat)).Append(')');
            }
            else
            {
                expression.Append("([0-9]{").Append(width.ToString(CultureInfo.InvariantCulture)).Append(",18})");
            }
        }

        return new Regex(expression.Append('$').ToString(), RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }

    private static string DatePartExpression(string format)
    {
        var expression = new StringBuilder();
        for (var i = 0; i < format.Length;)
        {
            var c = format[i];
            var run = 1;
            while (i + run < format.Length && format[i + run] == c)
            {
                run++;
            }

            var isName = c is 'M' or 'd' && run > 2;
            if ("yMdHhmsf".Contains(c, StringComparison.Ordinal) && !isName)
            {
                var digits = run == 1 && c != 'f' ? "1,2" : run.ToString(CultureInfo.InvariantCulture);
                expression.Append("[0-9]{").Append(digits).Append('}');
            }
            else if (char.IsLetter(c) || c is '\\' or '\'' or '"' or '%')
            {
                // Month names, quoted text and the like: parsing the captured text back checks them.
                return ".+?";
            }
            else
            {
                expression.Append(Regex.Escape(new string(c, run)));
            }

            i += run;
        }

        return expression.ToString();
    }

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
