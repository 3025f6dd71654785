using System.Globalization;
using System.Text.Json.Nodes;

namespace WorkflowKit.Expressions.Conditions.Internal;

/// <summary>
/// Equality and ordering of rule values: numbers (and numeric strings against numbers) in decimal, ISO 8601
/// dates and date-times as points in time, other strings ordinally, booleans false before true.
/// </summary>
internal static class RuleComparer
{
    public static bool Equal(in RuleValue a, in RuleValue b)
    {
        if (a.IsNullOrMissing || b.IsNullOrMissing)
        {
            return a.IsNullOrMissing && b.IsNullOrMissing;
        }

        if (a.Kind == RuleValueKind.String && b.Kind == RuleValueKind.String)
        {
            return a.TextEquals(b) || DatesEqual(a, b);
        }

        if (a.Kind == RuleValueKind.Array && b.Kind == RuleValueKind.Array)
        {
            return ArraysEqual((JsonArray)a.Node!, (JsonArray)b.Node!);
        }

        return Compare(a, b) == 0;
    }

    private static bool DatesEqual(in RuleValue a, in RuleValue b)
    {
        if ((a.Text is not null && !LooksLikeDate(a.Text)) || (b.Text is not null && !LooksLikeDate(b.Text)))
        {
            return false;
        }

        return TryCompareDates(a.GetText(), b.GetText(), out var result) && result == 0;
    }

    private static bool LooksLikeDate(string text) => text.Length >= 10 && text[4] == '-' && text[7] == '-';

    /// <summary>Orders two values; null when they cannot be compared (a number and a non-numeric string).</summary>
    public static int? Compare(in RuleValue a, in RuleValue b)
    {
        if (a.Kind == RuleValueKind.Number || b.Kind == RuleValueKind.Number)
        {
            return a.TryGetNumber(out var x) && b.TryGetNumber(out var y) ? x.CompareTo(y) : null;
        }

        if (a.Kind == RuleValueKind.String && b.Kind == RuleValueKind.String)
        {
            var left = a.GetText();
            var right = b.GetText();
            return TryCompareDates(left, right, out var dates)
                ? dates
                : Math.Sign(string.CompareOrdinal(left, right));
        }

        if (a.Kind == RuleValueKind.Boolean && b.Kind == RuleValueKind.Boolean)
        {
            return a.Boolean.CompareTo(b.Boolean);
        }

        if (a.Kind == RuleValueKind.Boolean && b.Kind == RuleValueKind.String)
        {
            return bool.TryParse(b.GetText(), out var parsed) ? a.Boolean.CompareTo(parsed) : null;
        }

        if (a.Kind == RuleValueKind.String && b.Kind == RuleValueKind.Boolean)
        {
            return bool.TryParse(a.GetText(), out var parsed) ? parsed.CompareTo(b.Boolean) : null;
        }

        return null;
    }

    /// <summary>Missing, null, "", [] and {} are empty.</summary>
    public static bool IsEmpty(in RuleValue value) => value.Kind switch
    {
        RuleValueKind.Missing or RuleValueKind.Null => true,
        RuleValueKind.String => value.GetText().Length == 0,
        RuleValueKind.Array => ((JsonArray)value.Node!).Count == 0,
        RuleValueKind.Object => ((JsonObject)value.Node!).Count == 0,
        _ => false,
    };

    /// <summary>A string containing a substring (ordinal), or an array containing an equal item.</summary>
    public static bool Contains(in RuleValue container, in RuleValue item)
    {
        if (container.Kind == RuleValueKind.String)
        {
            return !item.IsNullOrMissing && container.GetText().Contains(ItemText(item), StringComparison.Ordinal);
        }

        if (container.Kind == RuleValueKind.Array)
        {
            foreach (var element in (JsonArray)container.Node!)
            {
                if (Equal(RuleValue.FromNode(element), item))
                {
                    return true;
                }
            }
        }

        return false;
    }

    public static bool StartsWith(in RuleValue value, in RuleValue prefix) =>
        value.Kind == RuleValueKind.String && !prefix.IsNullOrMissing
        && value.GetText().StartsWith(ItemText(prefix), StringComparison.Ordinal);

    public static bool EndsWith(in RuleValue value, in RuleValue suffix) =>
        value.Kind == RuleValueKind.String && !suffix.IsNullOrMissing
        && value.GetText().EndsWith(ItemText(suffix), StringComparison.Ordinal);

    /// <summary>
    /// Compares two ISO 8601 texts as dates: when either is a plain date (yyyy-MM-dd) only the calendar dates
    /// are compared (a date-time's date in its own offset); otherwise the instants.
    /// </summary>
    public static bool TryCompareDates(string left, string right, out int result)
    {
        result = 0;
        if (!TryParseDate(left, out var x, out var xDateOnly) || !TryParseDate(right, out var y, out var yDateOnly))
        {
            return false;
        }

        result = xDateOnly || yDateOnly
            ? DateOnly.FromDateTime(x.DateTime).CompareTo(DateOnly.FromDateTime(y.DateTime))
            : x.UtcDateTime.CompareTo(y.UtcDateTime);
        result = Math.Sign(result);
        return true;
    }

    private static bool TryParseDate(string text, out DateTimeOffset value, out bool dateOnly)
    {
        value = default;
        dateOnly = false;
        if (!LooksLikeDate(text) || !char.IsAsciiDigit(text[0]))
        {
            return false;
        }

        if (text.Length == 10)
        {
            dateOnly = DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture,
                DateTimeStyles.None, out var date);
            value = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            return dateOnly;
        }

        return text[10] is 'T' or ' '
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value);
    }

    private static string ItemText(in RuleValue value) => value.Kind switch
    {
        RuleValueKind.String => value.GetText(),
        RuleValueKind.Number => value.Number.ToString(CultureInfo.InvariantCulture),
        RuleValueKind.Boolean => value.Boolean ? "true" : "false",
        _ => value.Node?.ToJsonString() ?? string.Empty,
    };

    private static bool ArraysEqual(JsonArray left, JsonArray right)
    {
        if (left.Count != right.Count)
        {
            return false;
        }

        for (var i = 0; i < left.Count; i++)
        {
            if (!Equal(RuleValue.FromNode(left[i]), RuleValue.FromNode(right[i])))
            {
                return false;
            }
        }

        return true;
    }
}
