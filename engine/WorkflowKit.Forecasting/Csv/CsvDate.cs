using System.Globalization;
using System.Text.RegularExpressions;

namespace WorkflowKit.Forecasting.Csv;

/// <summary>
/// A date cell as read. <see cref="Date"/> is final for a year-first or month-name date. For a date with the year
/// last, such as <c>1/5/2026</c>, it is the month-first reading, or the day-first one when only that is a date,
/// until <see cref="YearLastDates.Resolve"/> settles the order for the whole file.
/// </summary>
internal sealed partial class CsvDate
{
    // Year first as the records import reads it, or with an English month name.
    private static readonly string[] Formats =
    [
        "yyyy-MM-dd", "yyyy-M-d", "yyyy/M/d", "d MMM yyyy", "d MMMM yyyy", "d-MMM-yyyy", "MMM d yyyy", "MMM d, yyyy",
        "MMMM d yyyy", "MMMM d, yyyy",
    ];

    private CsvDate(DateOnly date, string text, long line, string column)
    {
        Date = date;
        Text = text;
        Line = line;
        Column = column;
    }

    public DateOnly Date { get; set; }

    public string Text { get; }

    public long Line { get; }

    public string Column { get; }

    /// <summary>The reading with the day first (<c>1/5/2026</c> as 1 May), for a year-last date where it is a date.</summary>
    public DateOnly? DayFirst { get; private init; }

    /// <summary>The reading with the month first (<c>1/5/2026</c> as 5 January), where it is a date.</summary>
    public DateOnly? MonthFirst { get; private init; }

    public bool IsYearLast => DayFirst is not null || MonthFirst is not null;

    /// <exception cref="SalesCsvException">The text is no date in any accepted form.</exception>
    public static CsvDate Parse(string text, long line, string column, string prefix)
    {
        var trimmed = text.Trim();
        if (DateOnly.TryParseExact(
                trimmed, Formats, CultureInfo.InvariantCulture, DateTimeStyles.AllowInnerWhite, out var date))
        {
            return new CsvDate(date, text, line, column);
        }

        if (YearLast().Match(trimmed) is { Success: true } match)
        {
            var first = int.Parse(match.Groups["first"].Value, CultureInfo.InvariantCulture);
            var second = int.Parse(match.Groups["second"].Value, CultureInfo.InvariantCulture);
            var year = int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture);
            var dayFirst = Reading(year, month: second, day: first);
            var monthFirst = Reading(year, month: first, day: second);
            if ((monthFirst ?? dayFirst) is { } provisional)
            {
                return new CsvDate(provisional, text, line, column) { DayFirst = dayFirst, MonthFirst = monthFirst };
            }
        }

        throw new SalesCsvException(
            $"{prefix}Line {line}, column '{column}': '{text}' is not a valid date. Write the year first, as in " +
            "2018-12-31, or use a month name, as in 31 Dec 2018.",
            line,
            column,
            text);
    }

    private static DateOnly? Reading(int year, int month, int day) =>
        month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month)
            ? new DateOnly(year, month, day)
            : null;

    [GeneratedRegex(@"^(?<first>\d{1,2})/(?<second>\d{1,2})/(?<year>\d{4})$")]
    private static partial Regex YearLast();
}
