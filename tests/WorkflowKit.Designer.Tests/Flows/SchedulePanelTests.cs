using System.Text.RegularExpressions;
using Bunit;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;
using MudBlazor.Services;
using WorkflowKit.Designer.Accounts;
using WorkflowKit.Designer.Flows;
using WorkflowKit.Designer.Localization;
using WorkflowKit.Designer.Services;
using WorkflowKit.Designer.Tests.Support;

namespace WorkflowKit.Designer.Tests.Flows;

/// <summary>
/// The flow designer's Schedule tab in bunit, on the designer's real schedule service and engine with a fake clock: a
/// process owner sees when the watch runs next in Shanghai time, runs it now and sees the run as theirs.
/// </summary>
[TestFixture]
public sealed class SchedulePanelTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 3, 1, 0, 0, TimeSpan.Zero);

    private DesignerAppFactory _app = default!;
    private IServiceScope _scope = default!;

    private BunitContext Context { get; set; } = default!;

    [SetUp]
    public void CreateContext()
    {
        _app = new DesignerAppFactory(clock: new FakeTimeProvider(Now));
        _scope = _app.Services.CreateScope();
        Context = new BunitContext();
        Context.JSInterop.Mode = JSRuntimeMode.Loose;
        Context.Services.AddMudServices();
        Context.Services.AddFallbackServiceProvider(_scope.ServiceProvider);
    }

    [TearDown]
    public async Task DisposeContextAsync()
    {
        await Context.DisposeAsync();
        _scope.Dispose();
        await _app.DisposeAsync();
    }

    [Test]
    public async Task Panel_shows_next_runs_in_chinese()
    {
        UseCulture("zh-CN");
        await WatchDefinitions.PublishAsync(_scope.ServiceProvider.GetRequiredService<IDefinitionService>());
        var owner = await SignInAsync("owner");

        var panel = Render(owner, publishedVersion: 1);

        panel.WaitForAssertion(() => Assert.That(panel.FindAll("[data-testid=schedule]"), Has.Count.EqualTo(1)));
        Assert.That(panel.Find("[data-testid=schedule-words]").TextContent.Trim(), Is.EqualTo("每天 02:00"));
        Assert.That(panel.FindAll("[data-testid=schedule-next-run]").Select(run => run.TextContent.Trim()), Is.EqualTo(new[]
        {
            "2025-03-04 02:00 周二", "2025-03-05 02:00 周三", "2025-03-06 02:00 周四", "2025-03-07 02:00 周五",
            "2025-03-08 02:00 周六",
        }));
        Assert.That(panel.Find("[data-testid=schedule-never-ran]").TextContent.Trim(), Is.EqualTo("此流程还没有按计划运行过。"));
        Assert.That(panel.Find("[data-testid=schedule-run-now]").TextContent.Trim(), Is.EqualTo("立即运行"));
    }

    [Test]
    public async Task Run_now_shows_run_by_user()
    {
        UseCulture("en");
        await WatchDefinitions.PublishAsync(_scope.ServiceProvider.GetRequiredService<IDefinitionService>());
        var owner = await SignInAsync("owner");
        InstanceSummary? started = null;
        var panel = Render(owner, publishedVersion: 1, summary => started = summary);
        panel.WaitForAssertion(() => Assert.That(panel.FindAll("[data-testid=schedule-run-now]"), Has.Count.EqualTo(1)));

        await panel.Find("[data-testid=schedule-run-now]").ClickAsync(new MouseEventArgs());

        panel.WaitForAssertion(() => Assert.That(panel.FindAll("[data-testid=schedule-last-run]"), Has.Count.EqualTo(1)));
        Assert.That(started, Is.Not.Null);
        Assert.That(started!.InitiatorId, Is.EqualTo("owner"));
        var lastRun = Regex.Replace(panel.Find("[data-testid=schedule-last-run-text]").TextContent, @"\s+", " ").Trim();
        Assert.That(lastRun, Is.EqualTo(
            $"Run now by {owner.DisplayName} at 2025-03-03 09:00 Mon · ended at 2025-03-03 09:00 Mon"));
        Assert.That(panel.Find("[data-testid=schedule-last-run-open]").GetAttribute("href"),
            Is.EqualTo($"/instances/{started.Id}"));
        Assert.That(panel.FindAll("[data-testid=schedule-next-run]")[0].TextContent.Trim(), Is.EqualTo("2025-03-04 02:00 Tue"));
    }

    [Test]
    public async Task Unpublished_flow_asks_to_publish()
    {
        UseCulture("en");
        var owner = await SignInAsync("owner");

        var panel = Render(owner, publishedVersion: 0);

        panel.WaitForAssertion(() => Assert.That(panel.Find("[data-testid=schedule-error]").TextContent.Trim(),
            Is.EqualTo("Publish the flow to see when its schedules run.")));
    }

    private IRenderedComponent<SchedulePanel> Render(
        UserContext user, int publishedVersion, Action<InstanceSummary>? started = null) =>
        Context.Render<SchedulePanel>(panel => panel
            .Add(component => component.FlowKey, WatchDefinitions.FlowKey)
            .Add(component => component.User, user)
            .Add(component => component.PublishedVersion, publishedVersion)
            .Add(component => component.Started, started ?? (_ => { })));

    private async Task<UserContext> SignInAsync(string userId)
    {
        var account = (await _scope.ServiceProvider.GetRequiredService<AccountStore>().FindAsync(userId, default))!;
        return UserContext.FromPrincipal(UserContext.ToPrincipal(account, "test"))!;
    }

    private void UseCulture(string culture)
    {
        Context.Services.AddScoped(_ => new UiText { Culture = culture });
        Context.Render<MudPopoverProvider>();
    }
}
