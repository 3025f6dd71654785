using System.Globalization;
using System.Text.RegularExpressions;

namespace WorkflowKit.Definitions.Store;

/// <summary>
/// The key rule of forms, flows and views, the same as the <c>key</c> pattern of <c>common.schema.json</c>. Drafts are
/// checked against it when saved, so that no draft is stored under a key that publishing would reject.
/// </summary>
public static partial class DefinitionKeys
{
    /// <summary>The pattern of a definition key: a letter, then at most 99 letters, digits, "_", "." or "-".</summary>
    public const string Pattern = "^[A-Za-z][A-Za-z0-9_.-]{0,99}$";

    private const int QuotedLength = 60;

    public static bool IsValid(string? key) => key is not null && KeyRegex().IsMatch(key);

    /// <summary>Throws <see cref="ArgumentException"/> with the rule and an example unless the key is valid.</summary>
    public static void Check(string kind, string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (!IsValid(key))
        {
            throw new ArgumentException(
                $"The {kind} key {Quote(key)} is invalid: a key matches the pattern {Pattern} (rule WK1024), so it " +
                "starts with a letter and has at most 100 letters, digits, \"_\", \".\" or \"-\". Save the draft " +
                "under a key such as \"sales-order\"; the name shown to users may be in any language.",
                nameof(key));
        }
    }

    private static string Quote(string key) => key.Length <= QuotedLength
        ? $"\"{key}\""
        : string.Create(CultureInfo.InvariantCulture, $"\"{key[..QuotedLength]}…\" ({key.Length} characters)");

    [GeneratedRegex(Pattern, RegexOptions.CultureInvariant)]
    private static partial Regex KeyRegex();
}
