using System.Text;
using System.Text.RegularExpressions;

namespace WorkflowKit.Forms.Validation;

/// <summary>
/// Compiles field patterns: .NET regular expressions, anchored to the whole value unless the
/// field states otherwise, with a match timeout so that a pathological pattern cannot stall a
/// request. Long Unicode general category names of ECMAScript and JSON Schema patterns, such
/// as <c>\p{Letter}</c>, are accepted and mapped to their .NET short names (<c>\p{L}</c>).
/// </summary>
internal static class PatternCompiler
{
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(200);

    private static readonly Dictionary<string, string> LongCategoryNames = new(StringComparer.Ordinal)
    {
        ["Letter"] = "L", ["Cased_Letter"] = "L", ["Uppercase_Letter"] = "Lu", ["Lowercase_Letter"] = "Ll",
        ["Titlecase_Letter"] = "Lt", ["Modifier_Letter"] = "Lm", ["Other_Letter"] = "Lo",
        ["Mark"] = "M", ["Nonspacing_Mark"] = "Mn", ["Spacing_Mark"] = "Mc", ["Enclosing_Mark"] = "Me",
        ["Number"] = "N", ["Decimal_Number"] = "Nd", ["Letter_Number"] = "Nl", ["Other_Number"] = "No",
        ["Punctuation"] = "P", ["Connector_Punctuation"] = "Pc", ["Dash_Punctuation"] = "Pd",
        ["Open_Punctuation"] = "Ps", ["Close_Punctuation"] = "Pe", ["Initial_Punctuation"] = "Pi",
        ["Final_Punctuation"] = "Pf", ["Other_Punctuation"] = "Po",
        ["Symbol"] = "S", ["Math_Symbol"] = "Sm", ["Currency_Symbol"] = "Sc", ["Modifier_Symbol"] = "Sk",
        ["Other_Symbol"] = "So",
        ["Separator"] = "Z", ["Space_Separator"] = "Zs", ["Line_Separator"] = "Zl", ["Paragraph_Separator"] = "Zp",
        ["Other"] = "C", ["Control"] = "Cc", ["Format"] = "Cf", ["Surrogate"] = "Cs", ["Private_Use"] = "Co",
        ["Unassigned"] = "Cn",
    };

    /// <summary>Compiles a pattern.</summary>
    /// <exception cref="ArgumentException">The pattern is not a valid regular expression.</exception>
    public static Regex Compile(string pattern, bool anchored)
    {
        var translated = TranslateCategories(pattern);
        var text = anchored ? "^(?:" + translated + ")\\z" : translated;
        try
        {
            return new Regex(text, RegexOptions.CultureInvariant, MatchTimeout);
        }
        catch (ArgumentException error)
        {
            throw new ArgumentException(
                $"Pattern '{pattern}' is not a valid .NET regular expression: {error.Message}", nameof(pattern), error);
        }
    }

    private static string TranslateCategories(string pattern)
    {
        var result = new StringBuilder(pattern.Length);
        for (var i = 0; i < pattern.Length; i++)
        {
            if (pattern[i] == '\\' && i + 2 < pattern.Length && pattern[i + 1] is 'p' or 'P' && pattern[i + 2] == '{')
            {
                var end = pattern.IndexOf('}', i + 3);
                if (end > 0)
                {
                    var name = pattern[(i + 3)..end];
                    var shortName = name.StartsWith("General_Category=", StringComparison.Ordinal)
                        ? name["General_Category=".Length..]
                        : name.StartsWith("gc=", StringComparison.Ordinal) ? name[3..] : name;
                    result.Append('\\').Append(pattern[i + 1]).Append('{')
                        .Append(LongCategoryNames.GetValueOrDefault(shortName, shortName)).Append('}');
                    i = end;
                    continue;
                }
            }

            if (pattern[i] == '\\' && i + 1 < pattern.Length)
            {
                result.Append(pattern, i, 2);
                i++;
                continue;
            }

            result.Append(pattern[i]);
        }

        return result.ToString();
    }
}
