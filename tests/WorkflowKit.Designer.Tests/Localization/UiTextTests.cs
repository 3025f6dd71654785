using System.Text.RegularExpressions;
using WorkflowKit.Designer.Localization;

namespace WorkflowKit.Designer.Tests.Localization;

[TestFixture]
public sealed partial class UiTextTests
{
    [Test]
    public void Every_ui_string_in_the_sources_has_a_chinese_text()
    {
        var sources = Directory.EnumerateFiles(DesignerFolder(), "*.*", SearchOption.AllDirectories)
            .Where(file => file.EndsWith(".razor", StringComparison.Ordinal) || file.EndsWith(".cs", StringComparison.Ordinal))
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
        // Keys are T["…"] and T.Format("…") anywhere, and the arms of the *Label switches in components.
        var keys = sources
            .SelectMany(file => (file.EndsWith(".razor", StringComparison.Ordinal) ? ComponentKey() : CodeKey())
                .Matches(File.ReadAllText(file))
                .Select(match => Regex.Unescape(match.Groups["key"].Value)))
            .ToHashSet(StringComparer.Ordinal);

        var missing = keys.Where(key => !ChineseStrings.Values.ContainsKey(key)).Order(StringComparer.Ordinal).ToList();

        Assert.That(keys, Has.Count.GreaterThan(200));
        Assert.That(missing, Is.Empty, "Add these to ChineseStrings: " + string.Join(" | ", missing));
    }

    [Test]
    public void Chinese_culture_translates_and_english_returns_the_key()
    {
        var chinese = new UiText { Culture = "zh-CN" };
        var english = new UiText { Culture = "en" };

        Assert.Multiple(() =>
        {
            Assert.That(chinese["Inbox"], Is.EqualTo("待办"));
            Assert.That(english["Inbox"], Is.EqualTo("Inbox"));
            Assert.That(chinese.Format("Published v{0}", 2), Is.EqualTo("已发布 v2"));
        });
    }

    [TestCase("zh-Hans", "zh-CN")]
    [TestCase("en-US", "en")]
    [TestCase("fr-FR", "zh-CN")]
    public void Normalize_maps_cultures_to_the_two_supported_ones(string culture, string expected) =>
        Assert.That(UiText.Normalize(culture), Is.EqualTo(expected));

    private static string DesignerFolder()
    {
        var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "WorkflowKit.sln")))
        {
            directory = directory.Parent;
        }

        return Path.Combine(
            directory?.FullName ?? throw new DirectoryNotFoundException("WorkflowKit.sln not found above the test folder."),
            "designer", "WorkflowKit.Designer");
    }

    [GeneratedRegex("""T(?:\[\s*|\.Format\(\s*)"(?<key>(?:[^"\\]|\\.)*)"|=> "(?<key>(?:[^"\\]|\\.)*)",\s*$""", RegexOptions.Multiline)]
    private static partial Regex ComponentKey();

    [GeneratedRegex(""""T(?:\[\s*|\.Format\(\s*)"(?<key>(?:[^"\\]|\\.)*)"""")]
    private static partial Regex CodeKey();
}
