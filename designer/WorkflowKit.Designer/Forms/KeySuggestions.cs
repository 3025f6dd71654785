using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using WorkflowKit.Definitions.Store;

namespace WorkflowKit.Designer.Forms;

/// <summary>
/// Checks form keys, flow keys and field ids, and builds a valid one from what a process owner typed, so that the
/// designer can offer it instead of showing a pattern. Only Latin letters and digits carry over: a Chinese name has
/// no spelling in Latin letters here, so it yields no suggestion.
/// </summary>
public static partial class KeySuggestions
{
    /// <summary>The pattern of a field id, as in the form schema.</summary>
    public const string FieldIdPattern = "^[A-Za-z_][A-Za-z0-9_]{0,63}$";

    private const int MaxFieldIdLength = 64;

    private const int MaxDefinitionKeyLength = 100;

    /// <summary>Tells whether <paramref name="id"/> is a valid field or sub-table column id.</summary>
    public static bool IsValidFieldId(string? id) => id is not null && FieldIdRegex().IsMatch(id);

    /// <summary>
    /// Returns a form or flow key made from the Latin words of <paramref name="typedKey"/>, or else of
    /// <paramref name="name"/>, in lower case and joined by "-", such as "sales-order" for "Sales order". Leading
    /// numbers move to the end, because a key starts with a letter. Returns null when neither has a Latin letter.
    /// </summary>
    public static string? DefinitionKey(string? typedKey, string? name)
    {
        var words = LetterWords(typedKey) ?? LetterWords(name);
        if (words is null)
        {
            return null;
        }

        var key = string.Join('-', words.Select(word => word.ToLowerInvariant()));
        key = key.Length <= MaxDefinitionKeyLength ? key : key[..MaxDefinitionKeyLength].TrimEnd('-');
        return DefinitionKeys.IsValid(key) ? key : null;
    }

    /// <summary>
    /// Returns a field id made from the Latin words of <paramref name="typedId"/>, or else of <paramref name="label"/>,
    /// in camel case, such as "deliveryNote" for "Delivery note". A number is appended when one of
    /// <paramref name="existingIds"/> is that id already. Returns null when neither has a Latin letter.
    /// </summary>
    public static string? FieldId(string? typedId, string? label, IEnumerable<string> existingIds)
    {
        ArgumentNullException.ThrowIfNull(existingIds);
        var words = LetterWords(typedId) ?? LetterWords(label);
        if (words is null)
        {
            return null;
        }

        var id = new StringBuilder().Append(char.ToLowerInvariant(words[0][0])).Append(words[0].AsSpan(1));
        foreach (var word in words.Skip(1))
        {
            id.Append(char.ToUpperInvariant(word[0])).Append(word.AsSpan(1));
        }

        var stem = id.Length <= MaxFieldIdLength - 3 ? id.ToString() : id.ToString(0, MaxFieldIdLength - 3);
        var used = existingIds.ToHashSet(StringComparer.Ordinal);
        var candidate = stem;
        for (var number = 2; used.Contains(candidate); number++)
        {
            candidate = stem + number.ToString(CultureInfo.InvariantCulture);
        }

        return IsValidFieldId(candidate) ? candidate : null;
    }

    // The words of Latin letters and digits in the text, such as "order" and "2024" in "2024order", with the numbers
    // before the first word moved to the end. Null when the text has no Latin letter.
    private static List<string>? LetterWords(string? text)
    {
        var words = WordRegex().Matches(text ?? string.Empty).Select(match => match.Value).ToList();
        var first = words.FindIndex(word => char.IsAsciiLetter(word[0]));
        if (first < 0)
        {
            return null;
        }

        return [.. words.Skip(first), .. words.Take(first)];
    }

    [GeneratedRegex(FieldIdPattern, RegexOptions.CultureInvariant)]
    private static partial Regex FieldIdRegex();

    [GeneratedRegex("[A-Za-z][A-Za-z0-9]*|[0-9]+", RegexOptions.CultureInvariant)]
    private static partial Regex WordRegex();
}
