using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using WorkflowKit.Definitions.Diagnostics;
using WorkflowKit.Designer.Diagnostics;
using WorkflowKit.Designer.Localization;

namespace WorkflowKit.Designer.Tests.Diagnostics;

/// <summary>
/// Every diagnostic code that <see cref="DiagnosticCodes"/> defines has an English and a Chinese wording with the same
/// placeholders, so a new code cannot reach a Chinese page in English.
/// </summary>
[TestFixture]
public sealed partial class DiagnosticWordingTests
{
    private static IEnumerable<string> Codes() =>
        typeof(DiagnosticCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => field.IsLiteral && field.FieldType == typeof(string))
            .Select(field => (string)field.GetRawConstantValue()!);

    [Test]
    public void Codes_are_found_by_reflection()
    {
        var codes = Codes().ToList();

        Assert.That(codes, Has.Count.GreaterThan(60));
        Assert.That(codes, Does.Contain("WK1020"));
        Assert.That(codes, Is.Unique);
    }

    [TestCaseSource(nameof(Codes))]
    public void Code_has_english_and_chinese_wording(string code)
    {
        Assert.That(DiagnosticWordings.General.TryGetValue(code, out var english), Is.True,
            $"Add an English wording of {code} to DiagnosticWordings.General.");
        Assert.That(ChineseStrings.Values.TryGetValue(english!, out var chinese), Is.True,
            $"Add the Chinese text of \"{english}\" to DiagnosticChineseStrings.");
        Assert.That(Placeholders(chinese!), Is.EquivalentTo(Placeholders(english!)), $"placeholders of {code}");
        Assert.That(chinese, Does.Match(@"\p{IsCJKUnifiedIdeographs}"), $"Chinese text of {code}");
    }

    [Test]
    public void Wordings_name_only_known_codes()
    {
        var unknown = DiagnosticWordings.General.Keys.Except(Codes(), StringComparer.Ordinal).ToList();

        Assert.That(unknown, Is.Empty);
    }

    [Test]
    public void Wordings_format_in_both_languages()
    {
        foreach (var english in DiagnosticWordings.General.Values)
        {
            var chinese = ChineseStrings.Values[english];

            Assert.That(() => string.Format(CultureInfo.InvariantCulture, english, "P", "S"), Throws.Nothing, english);
            Assert.That(() => string.Format(CultureInfo.InvariantCulture, chinese, "P", "S"), Throws.Nothing, chinese);
        }
    }

    [Test]
    public void Every_chinese_string_keeps_placeholders()
    {
        var differing = ChineseStrings.Values
            .Where(pair => !Placeholders(pair.Key).SetEquals(Placeholders(pair.Value)))
            .Select(pair => pair.Key)
            .ToList();

        Assert.That(differing, Is.Empty, "These Chinese texts have other placeholders than their English keys.");
    }

    [TestCase("{0}: a {1} and {{seq:4}}", new[] { "0", "1" })]
    [TestCase("{{form.amount}} only", new string[0])]
    [TestCase("{2} before {0}", new[] { "0", "2" })]
    public void Placeholders_skip_escaped_braces(string format, string[] expected) =>
        Assert.That(Placeholders(format), Is.EquivalentTo(expected));

    // Composite format items such as {0} or {1:N2}, without the escaped braces {{ and }}.
    private static HashSet<string> Placeholders(string format) =>
        [.. FormatItem().Matches(format.Replace("{{", string.Empty, StringComparison.Ordinal)
                .Replace("}}", string.Empty, StringComparison.Ordinal))
            .Select(match => match.Groups["index"].Value)];

    [GeneratedRegex(@"\{(?<index>\d+)(?:[,:][^}]*)?\}")]
    private static partial Regex FormatItem();
}
