using System.Text.Json.Nodes;
using Microsoft.Playwright;
using WorkflowKit.Designer.Accounts;
using WorkflowKit.Designer.Services;
using WorkflowKit.Designer.Tests.Support;

namespace WorkflowKit.Designer.Tests.Browser;

/// <summary>
/// The app bar's bell in Chromium: a notification node's notice raises the count on an open page without a reload,
/// the bell opens the notifications page, and marking the notice read lowers the count.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class NotificationBrowserTests
{
    private BrowserSession _session = default!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _session = await BrowserSession.StartAsync();
        await OrderDefinitions.PublishAsync(
            _session.Get<IDefinitionService>(), "owner", OrderDefinitions.FlowWithCreditHoldNotice());
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
    public async Task Bell_counts_and_clears_notice()
    {
        var page = await _session.SignInAsync("sales1");
        var bell = page.Locator("#notifications");
        await Assertions.Expect(bell).ToHaveAttributeAsync("data-count", "0");
        var sales = new UserContext(
            "sales1", "张伟", "sales-east", [RoleNames.Sales], new Dictionary<string, string> { ["region"] = "east" },
            "zh-CN");

        await _session.Get<IWorkService>().StartAsync(
            OrderDefinitions.FlowKey, new JsonObject { ["customer"] = "仁济医院", ["region"] = "east", ["total"] = 5000 },
            sales, default);

        await Assertions.Expect(bell).ToHaveAttributeAsync("data-count", "1", new() { Timeout = 30_000 });
        await bell.ClickAsync();
        await Assertions.Expect(page.GetByTestId("notification-message")).ToHaveTextAsync("订单 仁济医院 被信用审核拦截");
        await Assertions.Expect(page.GetByTestId("notification-state")).ToHaveTextAsync("未读");
        await _session.ScreenshotAsync(page, "30-notifications-unread");

        await page.GetByTestId("notification-read").ClickAsync();

        await Assertions.Expect(bell).ToHaveAttributeAsync("data-count", "0");
        await Assertions.Expect(page.GetByTestId("notification-state")).ToContainTextAsync("已读于");
        await _session.ScreenshotAsync(page, "31-notifications-read");
    }
}
