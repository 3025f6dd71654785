using WorkflowKit.Runtime.Timers;

namespace WorkflowKit.Runtime.Tests.Timers;

public sealed class WorkdayCalendarTests
{
    [Test]
    public void AddWorkdays_FridayPlusOne_IsMonday()
    {
        var friday = new DateTime(2025, 3, 7, 18, 0, 0);

        Assert.That(WorkdayCalendar.Weekends.AddWorkdays(friday, 1), Is.EqualTo(new DateTime(2025, 3, 10, 18, 0, 0)));
    }

    [Test]
    public void AddWorkdays_SkipsListedHolidays()
    {
        var calendar = new WorkdayCalendar(holidays: [new DateOnly(2025, 3, 11), new DateOnly(2025, 3, 12)]);

        var result = calendar.AddWorkdays(new DateTime(2025, 3, 10, 9, 0, 0), 2);

        Assert.That(result, Is.EqualTo(new DateTime(2025, 3, 14, 9, 0, 0)));
    }

    [Test]
    public void China2025_LabourDay_MakeUpSunday()
    {
        var calendar = WorkdayCalendar.ChinaMainland2025();

        Assert.Multiple(() =>
        {
            Assert.That(calendar.IsWorkday(new DateOnly(2025, 4, 27)), Is.True, "Sunday 27 April is worked");
            Assert.That(calendar.IsWorkday(new DateOnly(2025, 5, 1)), Is.False);
            Assert.That(calendar.IsWorkday(new DateOnly(2025, 5, 5)), Is.False, "Monday 5 May is a holiday");
            Assert.That(calendar.AddWorkdays(new DateTime(2025, 4, 25, 10, 0, 0), 1), Is.EqualTo(new DateTime(2025, 4, 27, 10, 0, 0)));
            Assert.That(calendar.AddWorkdays(new DateTime(2025, 4, 30, 10, 0, 0), 1), Is.EqualTo(new DateTime(2025, 5, 6, 10, 0, 0)));
        });
    }

    [Test]
    public void China2025_NationalDay_EightOff()
    {
        var calendar = WorkdayCalendar.ChinaMainland2025();

        var offDays = Enumerable.Range(0, 15).Select(day => new DateOnly(2025, 9, 28).AddDays(day)).Where(d => !calendar.IsWorkday(d)).ToList();

        Assert.That(offDays, Is.EqualTo(new[]
        {
            new DateOnly(2025, 10, 1), new DateOnly(2025, 10, 2), new DateOnly(2025, 10, 3), new DateOnly(2025, 10, 4),
            new DateOnly(2025, 10, 5), new DateOnly(2025, 10, 6), new DateOnly(2025, 10, 7), new DateOnly(2025, 10, 8),
            new DateOnly(2025, 10, 12),
        }));
    }

    [Test]
    public void Constructor_BothKinds_Rejected()
    {
        var day = new DateOnly(2025, 1, 1);

        var error = Assert.Throws<ArgumentException>(() => _ = new WorkdayCalendar(holidays: [day], makeUpWorkdays: [day]));

        Assert.That(error!.Message, Does.StartWith("A date cannot be both a holiday and a make-up workday: 2025-01-01."));
    }

    [TestCase("P2D", 2, 0)]
    [TestCase("PT4H30M", 0, 270)]
    [TestCase("P1W", 7, 0)]
    [TestCase("P1DT12H", 1, 720)]
    public void IsoDuration_Parses(string text, int days, int minutes)
    {
        var duration = IsoDuration.Parse(text);

        Assert.That(duration.ToTimeSpan(), Is.EqualTo(TimeSpan.FromDays(days) + TimeSpan.FromMinutes(minutes)));
    }

    [TestCase("2D")]
    [TestCase("P")]
    [TestCase("PT")]
    [TestCase("P1H")]
    public void IsoDuration_RejectsMalformed(string text)
    {
        var error = Assert.Throws<FormatException>(() => IsoDuration.Parse(text));

        Assert.That(error!.Message, Is.EqualTo(
            $"Expected an ISO 8601 duration such as \"P2D\", \"PT4H\" or \"P1DT12H\", got \"{text}\"."));
    }
}
