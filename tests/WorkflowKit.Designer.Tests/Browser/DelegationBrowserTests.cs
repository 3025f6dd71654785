using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using WorkflowKit.Designer.Accounts;
using WorkflowKit.Designer.Services;
using WorkflowKit.Designer.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace WorkflowKit.Designer.Tests.Browser;

/// <summary>
/// The delegation page in Chromium: the manager delegates to a colleague on "My delegations", and a task that the
/// order flow gives the manager afterwards arrives in the delegate's open inbox instead.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class DelegationBrowserTests
{
    private static readonly UserContext Sales = new(
        "sales1", "张伟", "sales-east", [RoleNames.Sales], new Dictionary<string, string> { ["region"] = "east" },
        "zh-CN");

    private BrowserSession _session = default!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _session = await BrowserSession.StartAsync();
        await OrderDefinitions.PublishAsync(_session.Get<IDefinitionService>(), "owner");
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
    public async Task Delegated_task_reaches_delegate_inbox()
    {
        var delegate1 = await _session.SignInAsync("finance1");
        await Expect(delegate1.GetByTestId("open-count")).ToHaveTextAsync("0");
        var manager = await _session.SignInAsync("manager");
        await manager.GotoAsync("/delegations");

        await ChooseAsync(manager, manager.GetByTestId("delegation-delegate"), "刘洋 Liu Yang");
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        var now = TimeZoneInfo.ConvertTime(TimeProvider.System.GetUtcNow(), zone);
        await manager.Locator("input[data-testid=delegation-start]").FillAsync(Local(now.AddHours(-1)));
        await manager.Locator("input[data-testid=delegation-end]").FillAsync(Local(now.AddDays(2)));
        await manager.GetByTestId("delegation-create").ClickAsync();

        await Expect(manager.GetByTestId("delegation-saved")).ToBeVisibleAsync();
        await Expect(manager.GetByTestId("delegation-row-delegate")).ToHaveTextAsync("刘洋 Liu Yang");
        await _session.Get<IWorkService>().StartAsync(
            OrderDefinitions.FlowKey,
            new JsonObject { ["customer"] = "仁济医院", ["region"] = "east", ["total"] = 5000 },
            Sales,
            default);

        await Expect(delegate1.GetByTestId("open-count")).ToHaveTextAsync("1", new() { Timeout = 30_000 });
        await Expect(delegate1.GetByTestId("inbox").GetByText("仁济医院")).ToBeVisibleAsync();
        await manager.GotoAsync("/");
        await Expect(manager.GetByTestId("open-count")).ToHaveTextAsync("0");
        await _session.ScreenshotAsync(delegate1, "delegation-task-in-delegate-inbox");
    }

    private static string Local(DateTimeOffset time) => time.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);

    /// <summary>Opens a MudSelect and picks the item with the given text.</summary>
    private static async Task ChooseAsync(IPage page, ILocator select, string itemText)
    {
        await select.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").GetByText(itemText, new() { Exact = true }).ClickAsync();
        await Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
    }
}
