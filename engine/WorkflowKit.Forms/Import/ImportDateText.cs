using System.Globalization;
using System.Text.RegularExpressions;

namespace WorkflowKit.Import;

/// <summary>
/// Explains why the text of a date cell was not read. Numeric dates are read year first only. Text such as <c>5/1/2026</c>
/// means 5 January in most of the world and May 1 in the United States, and a file does not say which, so text
/// with the year last is rejected rather than guessed. A number in a text cell, such as <c>45000</c> in a CSV file,
/// is rejected too: it is an Excel date serial only in a spreadsheet cell that has a date format.
/// </summary>
internal static partial class ImportDateText
{
    /// <summary>
    /// Whether <paramref name="text"/> starts with a numeric date whose year comes last, such as <c>5/1/2026</c>,
    /// <c>05.01.26</c> or <c>5-1-2026 09:30</c>.
    /// </summary>
    public static bool HasYearLast(string text) => YearLast().IsMatch(text);

    /// <summary>
    /// Whether <paramref name="text"/> contains a Latin, Greek or Cyrillic letter, as a month name such as the Jan of
    /// <c>5 Jan 2026</c> does. Only such text is parsed in the import's culture, because the culture's numeric forms
    /// may put the day or the month first.
    /// </summary>
    public static bool HasMonthName(string text) => text.Any(character => char.IsLetter(character) && character < '\u0530');

    /// <summary>Returns why a date or date-time cell is rejected and how to write it, for a conversion error.</summary>
    public static string Reason(string text, bool withTime, bool zh)
    {
        var example = withTime ? "2024-03-05 09:30" : "2024-03-05";
        if (YearLast().Match(text) is { Success: true } match)
        {
            return YearLastReason(match, example, zh);
        }

        if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            return zh
                ? $"是数字，不是日期；文本单元格不会被当作 Excel 日期序列号。请写成 {example} 这样的日期；如果这一列在 Excel 中" +
                  "显示为数字，请先把它设为日期格式（yyyy-mm-dd），再另存为 CSV"
                : $"is a number, not a date, and a text cell is never read as an Excel date serial; write the date as " +
                  $"{example}, or, if Excel shows this column as numbers, format it as a date (yyyy-mm-dd) before " +
                  "saving the CSV file";
        }

        return withTime
            ? zh ? "不是日期时间；请写成 2024-03-05 09:30 这样的日期和时间"
                : "is not a date and time; write it as 2024-03-05 09:30"
            : zh ? "不是日期；请写成 2024-03-05 或 2024/3/5 这样的日期"
                : "is not a date; write it as 2024-03-05 or 2024/3/5";
    }

    /// <summary>
    /// Words the rejection of a date with the year last, giving the readings that the two numbers allow when the year
    /// has four digits.
    /// </summary>
    private static string YearLastReason(Match match, string example, bool zh)
    {
        var first = int.Parse(match.Groups["first"].Value, CultureInfo.InvariantCulture);
        var second = int.Parse(match.Groups["second"].Value, CultureInfo.InvariantCulture);
        var readings = new List<string>();
        if (match.Groups["year"].Value.Length == 4)
        {
            var year = int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture);
            AddReading(readings, year, month: second, day: first);
            AddReading(readings, year, month: first, day: second);
        }

        var meaning = readings.Count switch
        {
            2 => zh ? $"它可能是 {readings[0]}（日/月/年），也可能是 {readings[1]}（月/日/年）"
                : $"it may be {readings[0]} (day/month/year) or {readings[1]} (month/day/year)",
            1 => zh ? $"它只能读作 {readings[0]}，但同一列中其他日期的日月顺序可能不同"
                : $"it can only be {readings[0]}, but other dates in the column may have the other order",
            _ => zh ? "无法确定年、月、日各是哪一部分" : "the year, month and day cannot be told apart",
        };
        var fix = readings.Count == 1 ? readings[0] : example;
        return zh
            ? $"的年份在最后，导入不猜测日和月的顺序：{meaning}；请把日期写成年份在前的形式，例如 {fix}（yyyy-mm-dd），" +
              "或在 Excel 中把这一列设为 yyyy-mm-dd 格式后再另存为 CSV"
            : $"has the year last, and the import does not guess the order of day and month: {meaning}; write the " +
              $"date year first, such as {fix} (yyyy-mm-dd), or format the column as yyyy-mm-dd in Excel before " +
              "saving the CSV file";
    }

    private static void AddReading(List<string> readings, int year, int month, int day)
    {
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return;
        }

        var reading = new DateOnly(year, month, day).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (!readings.Contains(reading))
        {
            readings.Add(reading);
        }
    }

    [GeneratedRegex(@"^(?<first>\d{1,2})[./-](?<second>\d{1,2})[./-](?<year>\d{2}|\d{4})(?=$|[ T])")]
    private static partial Regex YearLast();
}
