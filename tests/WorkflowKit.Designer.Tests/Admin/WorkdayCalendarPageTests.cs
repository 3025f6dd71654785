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
}
