using System.Text.Json.Nodes;
using Microsoft.Playwright;
using WorkflowKit.Designer.Tests.Support;

namespace WorkflowKit.Designer.Tests.Browser;

/// <summary>
/// The portal at a phone's 375 px width in Chromium: record cards name each value, and the app bar keeps the
/// user's name and actions reachable in one menu.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class PhoneWidthBrowserTests
{
    private BrowserSession _session = default!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _session = await BrowserSession.StartAsync(DesignerAppFactory.RepositoryTemplates());
        await RecordSeed.CreateAsync(_session.App, "stock-batch", new JsonObject
        {
            ["batchNo"] = "P375", ["product"] = "P-1", ["quantity"] = 3783, ["reservedQuantity"] = 1242,
            ["expiryDate"] = RecordSeed.Day(200), ["status"] = "available",
        });
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
    public async Task Record_card_labels_values()
    {
        var page = await PhoneAsync("admin");

        await page.GotoAsync("/records/stock-batch");

        var quantity = page.Locator("td[data-field='quantity']");
        await Assertions.Expect(quantity).ToHaveTextAsync("3783");
        await Assertions.Expect(quantity).ToHaveAttributeAsync("data-label", "库存数量");
        await Assertions.Expect(page.Locator("td[data-field='reservedQuantity']")).ToHaveAttributeAsync("data-label", "已预留数量");
        await Assertions.Expect(page.GetByTestId("record-serial")).Not.ToHaveAttributeAsync("data-label", "");
        var labelContent = await quantity.EvaluateAsync<string>("cell => getComputedStyle(cell, '::before').content");
        Assert.That(labelContent, Is.EqualTo("\"库存数量\""), "the small-screen card prints the label before the value");
        await _session.ScreenshotAsync(page, "phone-records");
    }

    [Test]
    public async Task App_bar_fits_with_user_menu()
    {
        var page = await PhoneAsync("sales1");
        await page.GotoAsync("/");
        var menu = page.Locator("#user-menu button").First;
        await Assertions.Expect(menu).ToBeVisibleAsync();

        var box = await menu.BoundingBoxAsync();
        var pageWidth = await page.EvaluateAsync<double>("() => document.documentElement.scrollWidth");
        await menu.ClickAsync();

        Assert.That(box!.X + box.Width, Is.LessThanOrEqualTo(375), "menu button inside the screen");
        Assert.That(pageWidth, Is.LessThanOrEqualTo(375), "no sideways scrolling");
        await Assertions.Expect(page.GetByTestId("user-menu-name")).ToHaveTextAsync("张伟 Zhang Wei");
        await Assertions.Expect(page.GetByTestId("user-menu-delegations")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("user-menu-password")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("user-menu-sign-out")).ToBeVisibleAsync();
        await _session.ScreenshotAsync(page, "phone-user-menu");

        await page.GetByTestId("user-menu-sign-out").ClickAsync();

        await page.WaitForURLAsync(url => url.Contains("/login", StringComparison.Ordinal));
    }

    private async Task<IPage> PhoneAsync(string userName)
    {
        var page = await _session.SignInAsync(userName);
        await page.SetViewportSizeAsync(375, 740);
        return page;
    }
}
