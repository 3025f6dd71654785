using WorkflowKit.Runtime.Timers;

namespace WorkflowKit.Runtime.Tests.Timers;

public sealed class WorkdayCalendarTests
{
    private static readonly WorkdayCalendar China = CalendarOf(PublicHolidaySchedule.ChinaMainland);

    [Test]
    public void AddWorkingTime_FridayEndPlusOne_IsMondayEnd()
    {
        var friday = new DateTime(2025, 3, 7, 18, 0, 0);

        Assert.That(WorkdayCalendar.Weekends.AddWorkingTime(friday, 1, TimeSpan.Zero), Is.EqualTo(new DateTime(2025, 3, 10, 18, 0, 0)));
    }

    [Test]
    public void AddWorkingTime_FridayEvening_CountsFromMonday()
    {
        var fridayEvening = new DateTime(2025, 3, 7, 20, 30, 0);

        Assert.That(WorkdayCalendar.Weekends.AddWorkingTime(fridayEvening, 1, TimeSpan.Zero), Is.EqualTo(new DateTime(2025, 3, 10, 18, 0, 0)));
    }

    [Test]
    public void AddWorkingTime_Sunday_CountsFromMonday()
    {
        var sundayNight = new DateTime(2025, 3, 9, 1, 36, 0);

        Assert.That(WorkdayCalendar.Weekends.AddWorkingTime(sundayNight, 1, TimeSpan.Zero), Is.EqualTo(new DateTime(2025, 3, 10, 18, 0, 0)));
        Assert.That(WorkdayCalendar.Weekends.AddWorkingTime(sundayNight, 2, TimeSpan.Zero), Is.EqualTo(new DateTime(2025, 3, 11, 18, 0, 0)));
    }

    [Test]
    public void AddWorkingTime_BeforeWorkStart_CountsFromStart()
    {
        var earlyTuesday = new DateTime(2025, 3, 11, 6, 0, 0);

        Assert.That(WorkdayCalendar.Weekends.AddWorkingTime(earlyTuesday, 1, TimeSpan.Zero), Is.EqualTo(new DateTime(2025, 3, 11, 18, 0, 0)));
    }

    [Test]
    public void AddWorkingTime_InWorkingHours_KeepsTimeOfDay()
    {
        var monday = new DateTime(2025, 3, 10, 10, 0, 0);

        Assert.That(WorkdayCalendar.Weekends.AddWorkingTime(monday, 1, TimeSpan.Zero), Is.EqualTo(new DateTime(2025, 3, 11, 10, 0, 0)));
    }

    [Test]
    public void AddWorkingTime_Hours_CountWorkingHours()
    {
        var fridayAfternoon = new DateTime(2025, 3, 7, 16, 0, 0);

        var result = WorkdayCalendar.Weekends.AddWorkingTime(fridayAfternoon, 0, TimeSpan.FromHours(4));

        Assert.That(result, Is.EqualTo(new DateTime(2025, 3, 10, 11, 0, 0)), "2 hours on Friday, 2 on Monday");
    }

    [Test]
    public void AddWorkingTime_ZeroOnSunday_IsMondayStart()
    {
        var sunday = new DateTime(2025, 3, 9, 15, 0, 0);

        Assert.That(WorkdayCalendar.Weekends.AddWorkingTime(sunday, 0, TimeSpan.Zero), Is.EqualTo(new DateTime(2025, 3, 10, 9, 0, 0)));
    }

    [Test]
    public void AddWorkingTime_SkipsListedHolidays()
    {
        var calendar = new WorkdayCalendar(holidays: [new DateOnly(2025, 3, 11), new DateOnly(2025, 3, 12)]);

        var result = calendar.AddWorkingTime(new DateTime(2025, 3, 10, 9, 0, 0), 2, TimeSpan.Zero);

        Assert.That(result, Is.EqualTo(new DateTime(2025, 3, 13, 18, 0, 0)), "all of Monday, then all of Thursday");
    }

    [Test]
    public void AddWorkingTime_CustomHours_UsesThem()
    {
        var calendar = new WorkdayCalendar(workingHours: (new TimeOnly(8, 30), new TimeOnly(17, 30)));

        var result = calendar.AddWorkingTime(new DateTime(2025, 3, 9, 1, 36, 0), 1, TimeSpan.Zero);

        Assert.That(result, Is.EqualTo(new DateTime(2025, 3, 10, 17, 30, 0)));
        Assert.That(calendar.WorkdayLength, Is.EqualTo(TimeSpan.FromHours(9)));
    }

    [Test]
    public void China2026_SpringFestival_SkipsBlock()
    {
        var saturdayWorked = new DateTime(2026, 2, 14, 10, 0, 0);

        var result = China.AddWorkingTime(saturdayWorked, 1, TimeSpan.Zero);

        Assert.That(result, Is.EqualTo(new DateTime(2026, 2, 24, 10, 0, 0)), "15 to 23 February are holidays");
    }

    [Test]
    public void China2026_FridayEvening_CountsMakeUpSaturday()
    {
        var fridayEvening = new DateTime(2026, 2, 13, 19, 0, 0);

        var result = China.AddWorkingTime(fridayEvening, 1, TimeSpan.Zero);

        Assert.That(result, Is.EqualTo(new DateTime(2026, 2, 14, 18, 0, 0)), "Saturday 14 February is worked");
    }

    [Test]
    public void China2026_HolidayEve_EndsAfterBlock()
    {
        var lastEveningBefore = new DateTime(2026, 9, 30, 20, 0, 0);

        var result = China.AddWorkingTime(lastEveningBefore, 1, TimeSpan.Zero);

        Assert.That(result, Is.EqualTo(new DateTime(2026, 10, 8, 18, 0, 0)), "1 to 7 October are holidays");
    }

    [Test]
    public void SubtractWorkingTime_CrossesWeekend()
    {
        var monday = new DateTime(2025, 3, 10, 10, 0, 0);

        Assert.That(WorkdayCalendar.Weekends.SubtractWorkingTime(monday, 0, TimeSpan.FromHours(4)), Is.EqualTo(new DateTime(2025, 3, 7, 15, 0, 0)));
    }

    [Test]
    public void SubtractWorkingTime_FromDayEnd_SameDay()
    {
        var mondayEnd = new DateTime(2025, 3, 10, 18, 0, 0);

        Assert.That(WorkdayCalendar.Weekends.SubtractWorkingTime(mondayEnd, 0, TimeSpan.FromHours(4)), Is.EqualTo(new DateTime(2025, 3, 10, 14, 0, 0)));
    }

    [Test]
    public void SubtractWorkingTime_FromNight_CountsFromDayEnd()
    {
        var mondayNight = new DateTime(2025, 3, 10, 23, 0, 0);

        Assert.That(WorkdayCalendar.Weekends.SubtractWorkingTime(mondayNight, 0, TimeSpan.FromHours(1)), Is.EqualTo(new DateTime(2025, 3, 10, 17, 0, 0)));
    }

    [Test]
    public void SubtractWorkingTime_CrossesHolidayBlock()
    {
        var afterSpringFestival = new DateTime(2026, 2, 24, 10, 0, 0);

        var result = China.SubtractWorkingTime(afterSpringFestival, 0, TimeSpan.FromHours(4));

        Assert.That(result, Is.EqualTo(new DateTime(2026, 2, 14, 15, 0, 0)), "back to the make-up Saturday");
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(5)]
    public void SubtractWorkingTime_ReversesAdd(int days)
    {
        var start = new DateTime(2026, 2, 12, 11, 15, 0);

        var due = China.AddWorkingTime(start, days, TimeSpan.FromHours(3));

        Assert.That(China.SubtractWorkingTime(due, days, TimeSpan.FromHours(3)), Is.EqualTo(start));
    }

    [Test]
    public void Constructor_HoursReversed_Rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => _ = new WorkdayCalendar(workingHours: (new TimeOnly(18, 0), new TimeOnly(9, 0))));

        Assert.That(error!.Message, Does.StartWith(
            "Working hours must end after they start, got 18:00-09:00; use a range such as 09:00-18:00."));
    }

    [Test]
    public void AddWorkingTime_NoWorkdays_Throws()
    {
        var calendar = new WorkdayCalendar(weekend: Enum.GetValues<DayOfWeek>());

        var error = Assert.Throws<InvalidOperationException>(() => calendar.AddWorkingTime(new DateTime(2025, 3, 10, 10, 0, 0), 1, TimeSpan.Zero));

        Assert.That(error!.Message, Does.StartWith("The workday calendar has no workday within 732 days of 2025-03-10"));
    }

    [Test]
    public void China2025_LabourDay_MakeUpSunday()
    {
        Assert.Multiple(() =>
        {
            Assert.That(China.IsWorkday(new DateOnly(2025, 4, 27)), Is.True, "Sunday 27 April is worked");
            Assert.That(China.IsWorkday(new DateOnly(2025, 5, 1)), Is.False);
            Assert.That(China.IsWorkday(new DateOnly(2025, 5, 5)), Is.False, "Monday 5 May is a holiday");
            Assert.That(China.AddWorkingTime(new DateTime(2025, 4, 25, 10, 0, 0), 1, TimeSpan.Zero), Is.EqualTo(new DateTime(2025, 4, 27, 10, 0, 0)));
            Assert.That(China.AddWorkingTime(new DateTime(2025, 4, 30, 10, 0, 0), 1, TimeSpan.Zero), Is.EqualTo(new DateTime(2025, 5, 6, 10, 0, 0)));
        });
    }

    [Test]
    public void China2025_NationalDay_EightOff()
    {
        var offDays = Enumerable.Range(0, 15).Select(day => new DateOnly(2025, 9, 28).AddDays(day)).Where(d => !China.IsWorkday(d)).ToList();

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

    private static WorkdayCalendar CalendarOf(PublicHolidaySchedule schedule)
    {
        var days = schedule.Years.SelectMany(year => year.Days).ToList();
        return new WorkdayCalendar(
            holidays: days.Where(day => day.Kind == CalendarDayKind.Holiday).Select(day => day.Date),
            makeUpWorkdays: days.Where(day => day.Kind == CalendarDayKind.Workday).Select(day => day.Date));
    }
}
