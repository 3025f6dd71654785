using WorkflowKit.Runtime.Timers;

namespace WorkflowKit.Runtime.Tests.Timers;

public sealed class PublicHolidayScheduleTests
{
    [Test]
    public void ChinaMainland_Covers2025And2026()
    {
        var schedule = PublicHolidaySchedule.ChinaMainland;

        Assert.That(schedule.Region, Is.EqualTo("China mainland"));
        Assert.That(schedule.Years.Select(year => year.Year), Is.EqualTo(new[] { 2025, 2026 }));
        Assert.That(schedule.Find(2027), Is.Null);
        Assert.That(schedule.Find(2026)!.Source, Is.EqualTo("国务院办公厅关于2026年部分节假日安排的通知"));
        Assert.That(schedule.Find(2026)!.Published, Is.EqualTo(new DateOnly(2025, 11, 4)));
        Assert.That(schedule.Find(2025)!.Source, Does.Contain("国办发明电〔2024〕12号"));
    }

    [Test]
    public void ChinaMainland2026_MakeUpWorkdays()
    {
        var days = PublicHolidaySchedule.ChinaMainland.Find(2026)!.Days;

        var workdays = days.Where(day => day.Kind == CalendarDayKind.Workday).Select(day => day.Date);

        Assert.That(workdays, Is.EqualTo(new[]
        {
            new DateOnly(2026, 1, 4), new DateOnly(2026, 2, 14), new DateOnly(2026, 2, 28),
            new DateOnly(2026, 5, 9), new DateOnly(2026, 9, 20), new DateOnly(2026, 10, 10),
        }));
    }

    [Test]
    public void ChinaMainland2026_HolidayBlocks()
    {
        var holidays = PublicHolidaySchedule.ChinaMainland.Find(2026)!.Days.Where(day => day.Kind == CalendarDayKind.Holiday).ToList();

        Assert.That(holidays, Has.Count.EqualTo(3 + 9 + 3 + 5 + 3 + 3 + 7));
        Assert.That(holidays.Where(day => day.Name == "春节").Select(day => day.Date),
            Is.EqualTo(Enumerable.Range(15, 9).Select(day => new DateOnly(2026, 2, day))));
        Assert.That(holidays.Single(day => day.Date == new DateOnly(2026, 10, 7)).Name, Is.EqualTo("国庆节"));
    }

    [Test]
    public void Parse_RangeReversed_NamesPath()
    {
        var json = File(holidays: """[ { "name": "春节", "from": "2026-02-23", "to": "2026-02-15" } ]""");

        var error = Assert.Throws<FormatException>(() => PublicHolidaySchedule.Parse(json, "test.json"));

        Assert.That(error!.Message, Is.EqualTo(
            "Holiday file \"test.json\" is invalid at $.years[0].holidays[0]: \"to\" 2026-02-15 is before \"from\" 2026-02-23. " +
            "List each date once, as a holiday or as a make-up workday."));
    }

    [Test]
    public void Parse_DateTwice_Rejected()
    {
        var json = File(
            holidays: """[ { "name": "春节", "from": "2026-02-14", "to": "2026-02-15" } ]""",
            workdays: """[ { "name": "春节调休", "date": "2026-02-14" } ]""");

        var error = Assert.Throws<FormatException>(() => PublicHolidaySchedule.Parse(json, "test.json"));

        Assert.That(error!.Message, Does.StartWith(
            "Holiday file \"test.json\" is invalid at $.years[0].workdays[0]: 2026-02-14 is already listed for this year."));
    }

    [Test]
    public void Parse_BadDate_NamesPath()
    {
        var json = File(holidays: """[ { "name": "春节", "from": "2026-02-30", "to": "2026-02-15" } ]""");

        var error = Assert.Throws<FormatException>(() => PublicHolidaySchedule.Parse(json, "test.json"));

        Assert.That(error!.Message, Does.StartWith("Holiday file \"test.json\" is invalid at $.years[0].holidays[0].from:"));
    }

    [Test]
    public void Parse_MissingSource_Rejected()
    {
        var json = """{ "region": "Test", "years": [ { "year": 2026, "published": "2025-11-04", "url": "https://example.org/", "holidays": [], "workdays": [] } ] }""";

        var error = Assert.Throws<FormatException>(() => PublicHolidaySchedule.Parse(json, "test.json"));

        Assert.That(error!.Message, Does.StartWith("Holiday file \"test.json\" is invalid at $.years[0]:"));
        Assert.That(error.Message, Does.Contain("source"));
    }

    private static string File(string holidays = "[]", string workdays = "[]") => $$"""
        { "region": "Test", "years": [ { "year": 2026, "source": "notice", "published": "2025-11-04",
          "url": "https://example.org/notice", "holidays": {{holidays}}, "workdays": {{workdays}} } ] }
        """;
}
