using WorkflowKit.Designer.Services;
using WorkflowKit.Designer.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace WorkflowKit.Designer.Tests.Browser;

/// <summary>
/// A watch in Chromium. The process owner opens the flow designer's Schedule tab, reads when the watch runs next and
/// runs it now. The run then appears as theirs, with a link to the submission.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class ScheduleBrowserTests
{
    private BrowserSession _session = default!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _session = await BrowserSession.StartAsync();
        await WatchDefinitions.PublishAsync(_session.Get<IDefinitionService>());
    }

    [TearDown]
    public Task CaptureAsync() => _session.CaptureFailureAsync();

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_session is not null)
        {
            await _session.DisposeAsync();
        }
    }

    [Test]
    public async Task Owner_runs_watch_now()
    {
        var owner = await _session.SignInAsync("owner");
        await owner.GotoAsync($"/design/flows/{WatchDefinitions.FlowKey}");

        await owner.Locator(".mud-tab").GetByText("定时运行", new() { Exact = true }).ClickAsync();

        await Expect(owner.GetByTestId("schedule-words")).ToHaveTextAsync("每天 02:00");
        await Expect(owner.GetByTestId("schedule-next-run")).ToHaveCountAsync(5);
        await Expect(owner.GetByTestId("schedule-never-ran")).ToBeVisibleAsync();
        await owner.GetByTestId("schedule-run-now").ClickAsync();

        await Expect(owner.GetByTestId("schedule-last-run-text")).ToContainTextAsync("流程负责人 Owner 于");
        await Expect(owner.GetByTestId("schedule-last-run-text")).ToContainTextAsync("立即运行");
        await _session.ScreenshotAsync(owner, "80-schedule-tab");
        await owner.GetByTestId("schedule-last-run-open").ClickAsync();
        await Expect(owner).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/instances/[0-9a-f]{32}$"));
    }
}
