using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace WorkflowKit.Runtime.Timers;

/// <summary>
/// The official public holidays and make-up workdays (调休) of a region, year by year, read from a
/// JSON file under <c>definitions/calendars</c>. Only years whose notice is in the file are known;
/// later years must be entered by an administrator until the file is updated.
/// </summary>
public sealed class PublicHolidaySchedule
{
    /// <summary>File name of the China mainland schedule, embedded in this assembly.</summary>
    public const string ChinaMainlandFile = "china-mainland-holidays.json";

    private static readonly Lazy<PublicHolidaySchedule> ChinaMainlandSchedule = new(() =>
    {
        using var stream = typeof(PublicHolidaySchedule).Assembly.GetManifestResourceStream($"Calendars/{ChinaMainlandFile}")!;
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), ChinaMainlandFile);
    });

    private PublicHolidaySchedule(string region, IReadOnlyList<PublicHolidayYear> years)
    {
        Region = region;
        Years = years;
    }

    /// <summary>China mainland, as announced by the General Office of the State Council.</summary>
    public static PublicHolidaySchedule ChinaMainland => ChinaMainlandSchedule.Value;

    /// <summary>Name of the region, such as "China mainland".</summary>
    public string Region { get; }

    /// <summary>The years in the file, by year.</summary>
    public IReadOnlyList<PublicHolidayYear> Years { get; }

    /// <summary>The schedule of one year, or null when the file does not cover it.</summary>
    public PublicHolidayYear? Find(int year) => Years.FirstOrDefault(entry => entry.Year == year);

    /// <summary>Reads a schedule file.</summary>
    /// <param name="json">The file's text.</param>
    /// <param name="fileName">The file's name, quoted in errors.</param>
    /// <exception cref="FormatException">The file is not valid; the message names the file and the JSON path.</exception>
    public static PublicHolidaySchedule Parse(string json, string fileName)
    {
        ScheduleFile file;
        try
        {
            file = JsonSerializer.Deserialize<ScheduleFile>(json, JsonOptions)
                ?? throw new FormatException($"Holiday file \"{fileName}\" is empty; expected an object with \"region\" and \"years\".");
        }
        catch (JsonException error)
        {
            throw new FormatException(
                $"Holiday file \"{fileName}\" is invalid at {error.Path ?? "$"}: {error.Message} " +
                "Fix the value, or compare with definitions/calendars/china-mainland-holidays.json.", error);
        }

        var years = file.Years.Select((year, index) => ToYear(year, $"$.years[{index}]", fileName)).ToList();
        var repeated = years.GroupBy(year => year.Year).FirstOrDefault(group => group.Count() > 1);
        if (repeated is not null)
        {
            throw new FormatException($"Holiday file \"{fileName}\" lists year {repeated.Key} more than once; keep one entry per year.");
        }

        return new PublicHolidaySchedule(file.Region, [.. years.OrderBy(year => year.Year)]);
    }

    private static PublicHolidayYear ToYear(YearEntry entry, string path, string fileName)
    {
        var days = new SortedDictionary<DateOnly, CalendarDay>();
        for (var index = 0; index < entry.Holidays.Count; index++)
        {
            var range = entry.Holidays[index];
            if (range.To < range.From)
            {
                throw Invalid(fileName, $"{path}.holidays[{index}]", $"\"to\" {Text(range.To)} is before \"from\" {Text(range.From)}");
            }

            for (var date = range.From; date <= range.To; date = date.AddDays(1))
            {
                Add(days, new CalendarDay(date, CalendarDayKind.Holiday, range.Name), fileName, $"{path}.holidays[{index}]");
            }
        }

        for (var index = 0; index < entry.Workdays.Count; index++)
        {
            var workday = entry.Workdays[index];
            Add(days, new CalendarDay(workday.Date, CalendarDayKind.Workday, workday.Name), fileName, $"{path}.workdays[{index}]");
        }

        return new PublicHolidayYear(entry.Year, entry.Source, entry.Published, entry.Url, [.. days.Values]);
    }

    private static void Add(SortedDictionary<DateOnly, CalendarDay> days, CalendarDay day, string fileName, string path)
    {
        if (!days.TryAdd(day.Date, day))
        {
            throw Invalid(fileName, path, $"{Text(day.Date)} is already listed for this year");
        }
    }

    private static FormatException Invalid(string fileName, string path, string problem) =>
        new($"Holiday file \"{fileName}\" is invalid at {path}: {problem}. List each date once, as a holiday or as a make-up workday.");

    private static string Text(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
        RespectRequiredConstructorParameters = true,
        RespectNullableAnnotations = true,
    };

    private sealed record ScheduleFile(string Region, IReadOnlyList<YearEntry> Years);

    private sealed record YearEntry(
        int Year, string Source, DateOnly Published, Uri Url, IReadOnlyList<HolidayRange> Holidays, IReadOnlyList<MakeUpWorkday> Workdays);

    private sealed record HolidayRange(string Name, DateOnly From, DateOnly To);

    private sealed record MakeUpWorkday(string Name, DateOnly Date);
}
