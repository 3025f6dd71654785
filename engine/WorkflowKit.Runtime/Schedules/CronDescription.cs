using System.Globalization;
using WorkflowKit.Definitions;

namespace WorkflowKit.Runtime.Schedules;

/// <summary>
/// Describes a five-field cron expression (minute hour day month weekday) in Simplified Chinese and English, such as
/// "每天 02:00" and "Every day at 02:00" for <c>0 2 * * *</c>. It words fixed times, lists and ranges of days,
/// months and weekdays, and minute or hour steps (<c>*/15</c>). Other shapes, such as a step inside a range or
/// Cronos's <c>L</c> and <c>#</c> extensions, are described by the expression itself.
/// </summary>
public static class CronDescription
{
    private static readonly string[] EnglishWeekdays =
        ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

    private static readonly string[] ChineseWeekdays = ["周日", "周一", "周二", "周三", "周四", "周五", "周六"];

    /// <summary>Describes <paramref name="cron"/>; the time of day is local to the zone the schedule runs in.</summary>
    public static LocalizedText Describe(string cron)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(cron);
        var fields = cron.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return fields.Length == 5 && TryDescribe(fields, out var text)
            ? text
            : new LocalizedText($"按 cron 表达式 {cron} 运行", $"On cron schedule {cron}");
    }

    private static bool TryDescribe(string[] fields, out LocalizedText text)
    {
        text = new LocalizedText();
        if (!TryTimes(fields[0], fields[1], out var zhTime, out var enTime, out var repeating)
            || !TryDays(fields[2], fields[3], fields[4], out var zhDays, out var enDays))
        {
            return false;
        }

        if (!repeating)
        {
            text = new LocalizedText($"{zhDays} {zhTime}", $"{enDays} at {enTime}");
        }
        else if (fields[2] == "*" && fields[3] == "*" && fields[4] == "*")
        {
            text = new LocalizedText(zhTime, char.ToUpperInvariant(enTime[0]) + enTime[1..]);
        }
        else
        {
            text = new LocalizedText($"{zhDays}，{zhTime}", $"{enDays}, {enTime}");
        }

        return true;
    }

    /// <summary>
    /// Words the minute and hour fields: times of day such as "02:00", or, when <paramref name="repeating"/>, a
    /// repetition such as "every 15 minutes".
    /// </summary>
    private static bool TryTimes(string minute, string hour, out string zh, out string en, out bool repeating)
    {
        zh = en = string.Empty;
        repeating = true;
        if (TryStep(minute, 59, out var minuteStep) && hour == "*")
        {
            (zh, en) = ($"每 {minuteStep} 分钟", $"every {minuteStep} minutes");
            return true;
        }

        if (minute == "*" && hour == "*")
        {
            (zh, en) = ("每分钟", "every minute");
            return true;
        }

        if (!TryNumber(minute, 0, 59, out var fixedMinute))
        {
            return false;
        }

        if (TryStep(hour, 23, out var hourStep))
        {
            (zh, en) = ($"每 {hourStep} 小时的第 {fixedMinute} 分钟", $"every {hourStep} hours at minute {fixedMinute}");
            return true;
        }

        if (hour == "*")
        {
            (zh, en) = ($"每小时的第 {fixedMinute} 分钟", $"every hour at minute {fixedMinute}");
            return true;
        }

        if (!TryList(hour, 0, 23, out var hours))
        {
            return false;
        }

        var times = hours.Select(value => $"{value:D2}:{fixedMinute:D2}").ToList();
        repeating = false;
        zh = string.Join("、", times);
        en = JoinEnglish(times);
        return true;
    }

    /// <summary>Words the day, month and weekday fields, such as "Every day", "周一至周五" or "On day 1 of every month".</summary>
    private static bool TryDays(string day, string month, string weekday, out string zh, out string en)
    {
        zh = en = string.Empty;
        var months = new List<int>();
        if (month != "*" && !TryList(month, 1, 12, out months))
        {
            return false;
        }

        var zhMonths = month == "*" ? "每月" : string.Join("、", months) + " 月";
        var enMonths = month == "*"
            ? "every month"
            : JoinEnglish([.. months.Select(value => CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(value))]);

        if (day == "*" && weekday == "*")
        {
            (zh, en) = month == "*" ? ("每天", "Every day") : ($"{zhMonths}每天", $"Every day in {enMonths}");
            return true;
        }

        if (day != "*" && weekday == "*")
        {
            if (!TryList(day, 1, 31, out var days))
            {
                return false;
            }

            zh = $"{zhMonths} {string.Join("、", days)} 日";
            en = $"On day {JoinEnglish([.. days.Select(value => value.ToString(CultureInfo.InvariantCulture))])} of {enMonths}";
            return true;
        }

        if (day == "*" && TryWeekdays(weekday, out var zhWeekdays, out var enWeekdays))
        {
            zh = month == "*" ? zhWeekdays : $"{zhMonths}{zhWeekdays}";
            en = month == "*" ? enWeekdays : $"{enWeekdays} in {enMonths}";
            return true;
        }

        // Cron fires when either the day or the weekday matches, so that rare shape keeps the expression.
        return false;
    }

    private static bool TryWeekdays(string field, out string zh, out string en)
    {
        zh = en = string.Empty;
        var range = field.Split('-');
        if (range.Length == 2
            && TryNumber(range[0], 0, 7, out var first) && TryNumber(range[1], 0, 7, out var last) && first < last)
        {
            zh = $"每{ChineseWeekdays[first % 7]}至{ChineseWeekdays[last % 7]}";
            en = $"{EnglishWeekdays[first % 7]} to {EnglishWeekdays[last % 7]}";
            return true;
        }

        if (!TryList(field, 0, 7, out var listed))
        {
            return false;
        }

        // 0 and 7 are both Sunday.
        var weekdays = listed.Select(value => value % 7).Distinct().Order().ToList();

        zh = "每" + string.Join("、", weekdays.Select(value => ChineseWeekdays[value]));
        en = "Every " + JoinEnglish([.. weekdays.Select(value => EnglishWeekdays[value])]);
        return true;
    }

    /// <summary>Reads "*/N" with N from 2 to <paramref name="max"/>.</summary>
    private static bool TryStep(string field, int max, out int step)
    {
        step = 0;
        return field.StartsWith("*/", StringComparison.Ordinal) && TryNumber(field[2..], 2, max, out step);
    }

    /// <summary>Reads a comma-separated list of numbers and ranges such as "1,4,7" or "1-3".</summary>
    private static bool TryList(string field, int min, int max, out List<int> values)
    {
        values = [];
        foreach (var part in field.Split(','))
        {
            var range = part.Split('-');
            if (range.Length == 1 && TryNumber(part, min, max, out var single))
            {
                values.Add(single);
            }
            else if (range.Length == 2
                && TryNumber(range[0], min, max, out var first) && TryNumber(range[1], min, max, out var last)
                && first <= last)
            {
                values.AddRange(Enumerable.Range(first, last - first + 1));
            }
            else
            {
                return false;
            }
        }

        values = [.. values.Distinct().Order()];
        return values.Count > 0;
    }

    private static bool TryNumber(string text, int min, int max, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max;

    private static string JoinEnglish(IReadOnlyList<string> items) => items.Count switch
    {
        1 => items[0],
        2 => $"{items[0]} and {items[1]}",
        _ => string.Join(", ", items.Take(items.Count - 1)) + " and " + items[^1],
    };
}
