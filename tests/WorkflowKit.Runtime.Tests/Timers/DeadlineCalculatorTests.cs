using WorkflowKit.Runtime.Timers;

namespace WorkflowKit.Runtime.Tests.Timers;

public sealed class DeadlineCalculatorTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    [Test]
    public void Workday_FromSunday_DueMondayEnd()
    {
        var calculator = new DeadlineCalculator(WorkdayCalendar.Weekends, Shanghai);
        var sunday = new DateTimeOffset(2025, 3, 9, 1, 36, 0, TimeSpan.FromHours(8));

        var due = calculator.Add(sunday, IsoDuration.Parse("P1D"), DeadlineUnits.Workday);

        Assert.That(due, Is.EqualTo(new DateTimeOffset(2025, 3, 10, 18, 0, 0, TimeSpan.FromHours(8))));
    }

    [Test]
    public void Calendar_FromSunday_KeepsElapsedTime()
    {
        var calculator = new DeadlineCalculator(WorkdayCalendar.Weekends, Shanghai);
        var sunday = new DateTimeOffset(2025, 3, 9, 1, 36, 0, TimeSpan.FromHours(8));

        var due = calculator.Add(sunday, IsoDuration.Parse("P1DT2H"), DeadlineUnits.Calendar);
        var reminder = calculator.Subtract(due, IsoDuration.Parse("PT4H"), DeadlineUnits.Calendar);

        Assert.That(due, Is.EqualTo(new DateTimeOffset(2025, 3, 10, 3, 36, 0, TimeSpan.FromHours(8))));
        Assert.That(reminder, Is.EqualTo(new DateTimeOffset(2025, 3, 9, 23, 36, 0, TimeSpan.FromHours(8))));
    }

    [Test]
    public void Workday_HoursPart_CountsWorkingHours()
    {
        var calculator = new DeadlineCalculator(WorkdayCalendar.Weekends, Shanghai);
        var friday = new DateTimeOffset(2025, 3, 7, 14, 0, 0, TimeSpan.FromHours(8));

        var due = calculator.Add(friday, IsoDuration.Parse("P1DT6H"), DeadlineUnits.Workday);

        Assert.That(due, Is.EqualTo(new DateTimeOffset(2025, 3, 11, 11, 0, 0, TimeSpan.FromHours(8))),
            "Friday 14:00 + 1 workday is Monday 14:00; 4 working hours to Monday 18:00 and 2 on Tuesday");
    }

    [Test]
    public void Workday_AcrossSpringForward_KeepsLocalTime()
    {
        var calculator = new DeadlineCalculator(WorkdayCalendar.Weekends, Berlin);
        var friday = new DateTimeOffset(2025, 3, 28, 10, 0, 0, TimeSpan.FromHours(1));

        var due = calculator.Add(friday, IsoDuration.Parse("P1D"), DeadlineUnits.Workday);
        var reminder = calculator.Subtract(due, IsoDuration.Parse("PT4H"), DeadlineUnits.Workday);

        Assert.That(due, Is.EqualTo(new DateTimeOffset(2025, 3, 31, 10, 0, 0, TimeSpan.FromHours(2))), "Monday 10:00 summer time");
        Assert.That(reminder, Is.EqualTo(new DateTimeOffset(2025, 3, 28, 15, 0, 0, TimeSpan.FromHours(1))), "Friday 15:00 winter time");
    }

    [Test]
    public void Workday_AcrossFallBack_KeepsLocalTime()
    {
        var calculator = new DeadlineCalculator(WorkdayCalendar.Weekends, Berlin);
        var saturday = new DateTimeOffset(2025, 10, 25, 22, 0, 0, TimeSpan.FromHours(2));

        var due = calculator.Add(saturday, IsoDuration.Parse("PT2H"), DeadlineUnits.Workday);

        Assert.That(due, Is.EqualTo(new DateTimeOffset(2025, 10, 27, 11, 0, 0, TimeSpan.FromHours(1))), "Monday 11:00 winter time");
    }

    [Test]
    public void Subtract_WorkdayReminder_InWorkingTime()
    {
        var calculator = new DeadlineCalculator(WorkdayCalendar.Weekends, Shanghai);
        var dueMonday = new DateTimeOffset(2025, 3, 10, 18, 0, 0, TimeSpan.FromHours(8));

        var reminder = calculator.Subtract(dueMonday, IsoDuration.Parse("PT4H"), DeadlineUnits.Workday);
        var dayBefore = calculator.Subtract(dueMonday, IsoDuration.Parse("P1D"), DeadlineUnits.Workday);

        Assert.That(reminder, Is.EqualTo(new DateTimeOffset(2025, 3, 10, 14, 0, 0, TimeSpan.FromHours(8))));
        Assert.That(dayBefore, Is.EqualTo(new DateTimeOffset(2025, 3, 10, 9, 0, 0, TimeSpan.FromHours(8))));
    }

    [Test]
    public void Subtract_UnknownUnit_Rejected()
    {
        var calculator = new DeadlineCalculator(WorkdayCalendar.Weekends, Shanghai);

        var error = Assert.Throws<ArgumentException>(() => calculator.Subtract(DateTimeOffset.UnixEpoch, IsoDuration.Parse("PT1H"), "hours"));

        Assert.That(error!.Message, Does.StartWith("Expected deadline unit \"calendar\" or \"workday\", got \"hours\"."));
    }
}
