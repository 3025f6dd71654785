using System.Globalization;
using System.Text;

namespace WorkflowKit.Files;

/// <summary>Cleans the names that browsers and API clients send with an upload.</summary>
public static class FileNames
{
    /// <summary>The longest name kept, in characters; longer names keep their end, so the extension survives.</summary>
    public const int MaxLength = 200;

    /// <summary>
    /// Returns the last path part of <paramref name="name"/> (after <c>/</c> or <c>\</c>) without control characters,
    /// bidi embedding, override and isolate characters (U+202A–U+202E, U+2066–U+2069, which can make
    /// <c>invoice‮fdp.exe</c> read as a PDF) and the marks U+200E, U+200F and U+061C, trimmed of spaces and dots at
    /// either end. Letters of every script, Chinese included, are kept. Returns an empty string when nothing is left.
    /// </summary>
    public static string Clean(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return string.Empty;
        }

        var lastSeparator = name.LastIndexOfAny(['/', '\\']);
        var leaf = lastSeparator >= 0 ? name[(lastSeparator + 1)..] : name;
        var builder = new StringBuilder(leaf.Length);
        foreach (var rune in leaf.EnumerateRunes())
        {
            if (!IsRemoved(rune))
            {
                builder.Append(rune.ToString());
            }
        }

        var cleaned = builder.ToString().Trim().Trim('.').Trim();
        if (cleaned.Length > MaxLength)
        {
            cleaned = cleaned[^MaxLength..];
        }

        return cleaned;
    }

    /// <summary>
    /// Returns true when <paramref name="name"/>, without its folder part, is only an extension such as ".pdf", which
    /// <see cref="Clean"/> turns into a name without an extension.
    /// </summary>
    public static bool IsOnlyExtension(string? name)
    {
        var cleaned = Clean(name);
        if (cleaned.Length == 0 || cleaned.Contains('.', StringComparison.Ordinal))
        {
            return false;
        }

        var lastSeparator = name!.LastIndexOfAny(['/', '\\']);
        return name[(lastSeparator + 1)..].TrimStart().StartsWith('.');
    }

    /// <summary>Returns the extension of a cleaned name in lower case with its dot, such as ".pdf"; empty when none.</summary>
    public static string ExtensionOf(string name)
    {
        var dot = name.LastIndexOf('.');
        return dot > 0 ? name[dot..].ToLowerInvariant() : string.Empty;
    }

    private static bool IsRemoved(Rune rune)
    {
        if (rune.Value is (>= 0x202A and <= 0x202E) or (>= 0x2066 and <= 0x2069) or 0x200E or 0x200F or 0x061C)
        {
            return true;
        }

        var category = Rune.GetUnicodeCategory(rune);
        return category is UnicodeCategory.Control or UnicodeCategory.LineSeparator
            or UnicodeCategory.ParagraphSeparator
            || (category == UnicodeCategory.Format && !IsJoiner(rune));
    }

    // Zero-width joiners are Format characters that some scripts and emoji sequences need.
    private static bool IsJoiner(Rune rune) => rune.Value is 0x200C or 0x200D;
}
