using System.Net;
using Microsoft.Extensions.DependencyInjection;
using WorkflowKit.Designer.Tests.Support;
using WorkflowKit.Runtime;
using WorkflowKit.Runtime.Timers;

namespace WorkflowKit.Designer.Tests.Admin;

/// <summary>The admin services as the app registers them, and the admin pages without sign-in.</summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class AdminHostingTests
{
    [TestCase("/admin/import")]
    [TestCase("/admin/calendar")]
    [TestCase("/admin/permissions")]
    public async Task Admin_page_without_sign_in_redirects(string path)
    {
        await using var factory = new DesignerAppFactory();
        using var client = factory.CreateClient(new() { AllowAutoRedirect = false });

        using var response = await client.GetAsync(path);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(response.Headers.Location?.ToString(), Does.Contain("/login"));
    }

    [Test]
    public async Task Engine_reads_stored_calendar()
    {
        await using var factory = new DesignerAppFactory();
        using var client = factory.CreateClient();
        var services = factory.Services;
        var store = services.GetRequiredService<IWorkdayCalendarStore>();
        var source = services.GetRequiredService<StoredWorkdayCalendarSource>();
        var engine = services.GetRequiredService<WorkflowEngine>();

        await store.SaveDayAsync(new CalendarDay(new DateOnly(2025, 3, 4), CalendarDayKind.Holiday, null), "admin", default);
        source.Invalidate();
        var calendar = await engine.Options.CalendarSource!.GetCalendarAsync(default);

        Assert.That(engine.Options.CalendarSource, Is.SameAs(source));
        Assert.That(calendar.IsWorkday(new DateOnly(2025, 3, 4)), Is.False);
    }

    [Test]
    public async Task Fresh_install_loads_public_holidays()
    {
        await using var factory = new DesignerAppFactory();
        using var client = factory.CreateClient();
        var store = factory.Services.GetRequiredService<IWorkdayCalendarStore>();
        var engine = factory.Services.GetRequiredService<WorkflowEngine>();

        var days = await store.ListAllDaysAsync(default);
        var calendar = await engine.Options.CalendarSource!.GetCalendarAsync(default);

        var expected = PublicHolidaySchedule.ChinaMainland.Years.SelectMany(year => year.Days);
        Assert.That(days, Is.EqualTo(expected));
        Assert.That(days, Does.Contain(new CalendarDay(new DateOnly(2026, 2, 15), CalendarDayKind.Holiday, "春节")));
        Assert.That(calendar.IsWorkday(new DateOnly(2026, 2, 14)), Is.True, "make-up Saturday");
        Assert.That(calendar.IsWorkday(new DateOnly(2026, 10, 1)), Is.False, "National Day");
    }

    [Test]
    public async Task Existing_install_loads_holidays_once()
    {
        var folder = Path.Combine(Path.GetTempPath(), "wk-hosting-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var database = Path.Combine(folder, "existing.db");
        var nationalDay = new DateOnly(2026, 10, 1);
        try
        {
            // An install whose first start loaded no holidays, as installs set up before the file was shipped.
            await using (var first = Factory(database, publicHolidays: false))
            {
                first.CreateClient().Dispose();
            }

            IReadOnlyList<CalendarDay> loaded;
            await using (var second = Factory(database, publicHolidays: true))
            {
                second.CreateClient().Dispose();
                var store = second.Services.GetRequiredService<IWorkdayCalendarStore>();
                loaded = await store.ListAllDaysAsync(default);
                await store.RemoveDayAsync(nationalDay, default);
            }

            IReadOnlyList<CalendarDay> restarted;
            await using (var third = Factory(database, publicHolidays: true))
            {
                third.CreateClient().Dispose();
                restarted = await third.Services.GetRequiredService<IWorkdayCalendarStore>().ListAllDaysAsync(default);
            }

            var expected = PublicHolidaySchedule.ChinaMainland.Years.SelectMany(year => year.Days).ToList();
            Assert.That(loaded, Is.EqualTo(expected));
            Assert.That(restarted, Has.Count.EqualTo(expected.Count - 1));
            Assert.That(restarted.Select(day => day.Date), Does.Not.Contain(nationalDay),
                "a day the admin deleted stays deleted after a restart");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }

        static DesignerAppFactory Factory(string database, bool publicHolidays) => new(settings: new Dictionary<string, string>
        {
            ["WorkflowKit:Storage:ConnectionString"] = database,
            ["WorkflowKit:PublicHolidays"] = publicHolidays ? "true" : "false",
        });
    }

    [Test]
    public async Task Public_holidays_off_leaves_calendar_empty()
    {
        await using var factory = new DesignerAppFactory(settings: new Dictionary<string, string>
        {
            ["WorkflowKit:PublicHolidays"] = "false",
        });
        using var client = factory.CreateClient();

        var days = await factory.Services.GetRequiredService<IWorkdayCalendarStore>().ListAllDaysAsync(default);

        Assert.That(days, Is.Empty);
    }

    [Test]
    public async Task Working_hours_come_from_settings()
    {
        await using var factory = new DesignerAppFactory(settings: new Dictionary<string, string>
        {
            ["WorkflowKit:WorkingHoursStart"] = "08:30",
            ["WorkflowKit:WorkingHoursEnd"] = "17:30",
        });
        using var client = factory.CreateClient();

        var calendar = await factory.Services.GetRequiredService<WorkflowEngine>().Options.CalendarSource!.GetCalendarAsync(default);

        Assert.That((calendar.WorkStart, calendar.WorkEnd), Is.EqualTo((new TimeOnly(8, 30), new TimeOnly(17, 30))));
    }

    [Test]
    public void Working_hours_reversed_stop_start()
    {
        using var factory = new DesignerAppFactory(settings: new Dictionary<string, string>
        {
            ["WorkflowKit:WorkingHoursStart"] = "18:00",
            ["WorkflowKit:WorkingHoursEnd"] = "09:00",
        });

        var error = Assert.Catch(() => factory.CreateClient());

        var messages = new List<string>();
        for (var current = error; current is not null; current = current.InnerException)
        {
            messages.Add(current.Message);
        }

        Assert.That(messages, Has.Some.EqualTo(
            "WorkflowKit:WorkingHoursEnd (09:00) must be later than WorkflowKit:WorkingHoursStart (18:00); " +
            "set them to a range such as 09:00 and 18:00."));
    }
}
