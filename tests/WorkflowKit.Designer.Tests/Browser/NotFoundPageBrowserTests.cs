using Microsoft.Playwright;

namespace WorkflowKit.Designer.Tests.Browser;

/// <summary>An address that no page serves shows the not-found page, with status 404, to a signed-in user.</summary>
[TestFixture]
[NonParallelizable]
public sealed class NotFoundPageBrowserTests
{
    private BrowserSession _session = default!;

    [OneTimeSetUp]
    public async Task StartAsync() => _session = await BrowserSession.StartAsync();

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
    public async Task Unknown_address_shows_not_found_page()
    {
        var page = await _session.SignInAsync("sales1");

        var response = await page.GotoAsync("/no-such-page");

        Assert.That(response, Is.Not.Null);
        Assert.That(response!.Status, Is.EqualTo(404));
        await Assertions.Expect(page.GetByText("此地址没有内容。")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "返回待办" })).ToBeVisibleAsync();
    }
}
