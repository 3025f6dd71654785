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
}
