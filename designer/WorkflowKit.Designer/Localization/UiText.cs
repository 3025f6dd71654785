using System.Globalization;

namespace WorkflowKit.Designer.Localization;

/// <summary>
/// UI strings. The key is the English text; <see cref="ChineseStrings"/> holds the Simplified
/// Chinese text of every key, and a test checks that every key used in the components has one.
/// The culture is the signed-in user's, stored in the users table.
/// </summary>
public sealed class UiText
{
    public static IReadOnlyList<string> SupportedCultures { get; } = ["zh-CN", "en"];

    /// <summary>The culture of this circuit or request, "zh-CN" or "en".</summary>
    public string Culture { get; set; } = Normalize(CultureInfo.CurrentUICulture.Name);

    public bool IsChinese => Culture == "zh-CN";

    public string this[string english] =>
        IsChinese && ChineseStrings.Values.TryGetValue(english, out var chinese) ? chinese : english;

    /// <summary>Translates a composite format such as "{0} tasks" and fills it in.</summary>
    public string Format(string englishFormat, params object?[] args) =>
        string.Format(CultureInfo.CurrentCulture, this[englishFormat], args);

    /// <summary>The message of <paramref name="error"/> in this culture.</summary>
    public string Describe(Services.InvalidInputException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return Services.InvalidInputException.Fill(this[error.TextFormat], error.TextArguments, Culture);
    }

    public static string Normalize(string culture) =>
        culture.StartsWith("zh", StringComparison.OrdinalIgnoreCase) ? "zh-CN"
        : culture.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? "en"
        : "zh-CN";
}
