using System.Security.Claims;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using WorkflowKit.Designer.Admin;
using MudBlazor;
using MudBlazor.Services;
using WorkflowKit.Designer.Localization;
using WorkflowKit.Runtime.Timers;

namespace WorkflowKit.Designer.Tests.Admin;

/// <summary>
/// The calendar page in bunit. It builds its own context instead of using ComponentTestBase, because
/// its services must be added before the popover provider is rendered.
/// </summary>
public sealed class WorkdayCalendarPageTests
{
    private static readonly DateOnly Tuesday = new(2025, 3, 4);

    private InMemoryWorkdayCalendarStore _store = default!;
    private StoredWorkdayCalendarSource _source = default!;

    private BunitContext Context { get; set; } = default!;

    [SetUp]
    public void CreateContext()
    {
        Context = new BunitContext();
        Context.JSInterop.Mode = JSRuntimeMode.Loose;
        Context.Services.AddMudServices();
        Context.Services.AddScoped(_ => new UiText { Culture = "en" });
        _store = new InMemoryWorkdayCalendarStore();
        _source = new StoredWorkdayCalendarSource(_store, TimeProvider.System);
        Context.Services.AddSingleton<IWorkdayCalendarStore>(_store);
        Context.Services.AddSingleton(_source);
        Context.Services.AddSingleton(TimeProvider.System);
        var authorization = Context.AddAuthorization();
        authorization.SetAuthorized("Admin");
        authorization.SetClaims(new Claim(ClaimTypes.NameIdentifier, "admin"));
        Context.Render<MudPopoverProvider>();
        Context.Services.GetRequiredService<NavigationManager>().NavigateTo("/admin/calendar?year=2025");
    }

    [TearDown]
    public async Task DisposeContextAsync() => await Context.DisposeAsync();

    [Test]
    public async Task Saving_holiday_stores_and_invalidates()
    {
        var before = await _source.GetCalendarAsync(default);
        var page = Context.Render<WorkdayCalendarPage>();

        page.Find("[data-testid=day-2025-03-04]").Click();
        page.Find("[data-testid=edit-holiday]").Click();
        TestIds.Input(page, "edit-name").Change("测试假日");
        page.Find("[data-testid=calendar-save]").Click();
        var after = await _source.GetCalendarAsync(default);

        Assert.That(before.IsWorkday(Tuesday), Is.True);
        Assert.That(_store.Days, Is.EqualTo(new[] { new CalendarDay(Tuesday, CalendarDayKind.Holiday, "测试假日") }));
        Assert.That(after.IsWorkday(Tuesday), Is.False, "the saved holiday reaches the engine's calendar source");
        page.WaitForAssertion(() =>
            Assert.That(page.Find("[data-testid=day-2025-03-04]").GetAttribute("data-state"), Is.EqualTo("Holiday")));
    }

    [Test]
    public void Normal_day_removes_stored_day()
    {
        _store.SaveDayAsync(new CalendarDay(new DateOnly(2025, 3, 8), CalendarDayKind.Workday, "调休"), "admin", default);
        var page = Context.Render<WorkdayCalendarPage>();
        Assert.That(page.Find("[data-testid=day-2025-03-08]").GetAttribute("data-state"), Is.EqualTo("MakeUpWorkday"));

        page.Find("[data-testid=day-2025-03-08]").Click();
        page.Find("[data-testid=edit-normal]").Click();
        page.Find("[data-testid=calendar-save]").Click();

        Assert.That(_store.Days, Is.Empty);
        page.WaitForAssertion(() =>
            Assert.That(page.Find("[data-testid=day-2025-03-08]").GetAttribute("data-state"), Is.EqualTo("Weekend")));
    }

    [Test]
    public void Year_shows_twelve_months_from_monday()
    {
        var page = Context.Render<WorkdayCalendarPage>();

        var months = page.FindAll("[data-testid=calendar-month]");
        var firstWeek = months[0].QuerySelectorAll("tbody tr")[0].QuerySelectorAll("td");

        Assert.That(months, Has.Count.EqualTo(12));
        Assert.That(months[0].TextContent, Does.Contain("January"));
        Assert.That(months[11].TextContent, Does.Contain("December"));
        Assert.That(page.Find("[data-testid=calendar-year]").TextContent, Is.EqualTo("2025"));

        // 2025-01-01 is a Wednesday, so the first week starts with two empty cells.
        Assert.That(firstWeek[2].GetAttribute("data-testid"), Is.EqualTo("day-2025-01-01"));
        Assert.That(firstWeek[1].GetAttribute("data-testid"), Is.Null);
    }

    [Test]
    public void Year_with_notice_names_source()
    {
        Context.Services.GetRequiredService<NavigationManager>().NavigateTo("/admin/calendar?year=2026");

        var page = Context.Render<WorkdayCalendarPage>();

        var source = page.Find("[data-testid=calendar-source]");
        Assert.That(source.TextContent, Does.Contain(
            "Public holidays and make-up workdays of 2026 come from the notice \"国务院办公厅关于2026年部分节假日安排的通知\" " +
            "of the General Office of the State Council, issued 2025-11-04."));
        Assert.That(page.Find("[data-testid=calendar-source-link]").GetAttribute("href"),
            Is.EqualTo("https://politics.gmw.cn/2025-11/04/content_38391083.htm"));
    }

    [Test]
    public void Year_without_notice_says_so()
    {
        Context.Services.GetRequiredService<NavigationManager>().NavigateTo("/admin/calendar?year=2027");

        var page = Context.Render<WorkdayCalendarPage>();

        Assert.That(page.Find("[data-testid=calendar-source]").TextContent, Does.Contain(
            "This product has no official holiday data for 2027; it covers 2025, 2026."));
        Assert.That(page.FindAll("[data-testid=calendar-fill-official]"), Is.Empty);
    }

    [Test]
    public void Working_hours_are_shown()
    {
        var page = Context.Render<WorkdayCalendarPage>();

        Assert.That(page.Find("[data-testid=calendar-working-hours]").TextContent, Does.Contain(
            "Working time is 09:00 to 18:00 on each workday."));
    }

    [Test]
    public async Task Official_days_fill_gaps_only()
    {
        var changed = new CalendarDay(new DateOnly(2026, 2, 23), CalendarDayKind.Workday, "公司安排上班");
        await _store.SaveDayAsync(changed, "admin", default);
        Context.Services.GetRequiredService<NavigationManager>().NavigateTo("/admin/calendar?year=2026");
        var page = Context.Render<WorkdayCalendarPage>();

        page.Find("[data-testid=calendar-fill-official]").Click();
        var calendar = await _source.GetCalendarAsync(default);

        var official = PublicHolidaySchedule.ChinaMainland.Find(2026)!.Days;
        Assert.That(_store.Days, Has.Count.EqualTo(official.Count));
        Assert.That(_store.Days, Does.Contain(changed), "the admin's change stays");
        Assert.That(calendar.IsWorkday(new DateOnly(2026, 2, 14)), Is.True, "make-up Saturday");
        Assert.That(calendar.IsWorkday(new DateOnly(2026, 2, 16)), Is.False, "Spring Festival");
        page.WaitForAssertion(() => Assert.That(page.FindAll("[data-testid=calendar-fill-official]"), Is.Empty));
    }

    [Test]
    public async Task Working_hours_edit_saves_and_invalidates()
    {
        var page = Context.Render<WorkdayCalendarPage>();
        Assert.That(TestIds.Input(page, "hours-start").GetAttribute("value"), Is.EqualTo("09:00"));
        Assert.That(TestIds.Input(page, "hours-end").GetAttribute("value"), Is.EqualTo("18:00"));

        TestIds.Input(page, "hours-start").Change("8:30");
        TestIds.Input(page, "hours-end").Change("17:30");
        page.Find("[data-testid=hours-save]").Click();
        var calendar = await _source.GetCalendarAsync(default);

        Assert.That(_store.WorkingHours, Is.EqualTo((new TimeOnly(8, 30), new TimeOnly(17, 30))));
        Assert.That(calendar.WorkStart, Is.EqualTo(new TimeOnly(8, 30)), "the saved hours reach the engine's calendar");
        page.WaitForAssertion(() => Assert.That(page.Find("[data-testid=calendar-working-hours]").TextContent,
            Does.Contain("Working time is 08:30 to 17:30 on each workday.")));
        Assert.That(page.FindAll("[data-testid=hours-error]"), Is.Empty);
    }

    [TestCase("9", "18:00", "Start \"9\" is not a time of day; enter it as HH:mm, such as 09:00.")]
    [TestCase("09:00", "25:00", "End \"25:00\" is not a time of day; enter it as HH:mm, such as 18:00.")]
    [TestCase("18:00", "09:00", "Working time must end after it starts, but 09:00 is not after 18:00. Enter a later end.")]
    [TestCase("09:00", "09:00", "Working time must end after it starts, but 09:00 is not after 09:00. Enter a later end.")]
    public void Invalid_working_hours_are_rejected(string start, string end, string message)
    {
        var page = Context.Render<WorkdayCalendarPage>();

        TestIds.Input(page, "hours-start").Change(start);
        TestIds.Input(page, "hours-end").Change(end);
        page.Find("[data-testid=hours-save]").Click();

        page.WaitForAssertion(() =>
            Assert.That(page.Find("[data-testid=hours-error]").TextContent.Trim(), Is.EqualTo(message)));
        Assert.That(_store.WorkingHours, Is.Null);
    }

    [Test]
    public void Stored_working_hours_are_shown()
    {
        _store.SaveWorkingHoursAsync((new TimeOnly(8, 0), new TimeOnly(17, 0)), "admin", default);

        var page = Context.Render<WorkdayCalendarPage>();

        Assert.That(page.Find("[data-testid=calendar-working-hours]").TextContent, Does.Contain(
            "Working time is 08:00 to 17:00 on each workday."));
        Assert.That(TestIds.Input(page, "hours-start").GetAttribute("value"), Is.EqualTo("08:00"));
    }
}
