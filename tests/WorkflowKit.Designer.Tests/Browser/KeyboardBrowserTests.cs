using Microsoft.Playwright;

namespace WorkflowKit.Designer.Tests.Browser;

/// <summary>
/// Keyboard use of the portal in Chromium: the first Tab stop is a skip link that jumps past the app bar and the
/// side menu, and focused links, buttons and inputs show a 2 px ring.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class KeyboardBrowserTests
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
    public async Task Skip_link_reaches_content()
    {
        var page = await _session.SignInAsync("sales1");
        await page.GotoAsync("/notifications");
        await Assertions.Expect(page.GetByTestId("notifications-read-all")).ToBeVisibleAsync();
        await page.Locator("body").FocusAsync();

        await page.Keyboard.PressAsync("Tab");

        var skip = page.Locator("#skip-to-content");
        await Assertions.Expect(skip).ToBeFocusedAsync();
        await Assertions.Expect(skip).ToHaveTextAsync("跳到主要内容");
        await Assertions.Expect(skip).ToBeInViewportAsync();

        await page.Keyboard.PressAsync("Enter");
        await page.Keyboard.PressAsync("Tab");

        var insideContent = await page.EvaluateAsync<bool>(
            "() => document.getElementById('main-content').contains(document.activeElement)");
        Assert.That(insideContent, Is.True, "the Tab after the skip link lands in the page content");
    }

    [TestCase("#skip-to-content", 1)]
    [TestCase("#language-switch", 3)]
    public async Task Focus_ring_is_two_pixels(string selector, int tabs)
    {
        var page = await _session.SignInAsync("sales1");
        await page.GotoAsync("/start");
        await Assertions.Expect(page.GetByTestId("no-startable-flows")).ToBeVisibleAsync();
        await page.Locator("body").FocusAsync();

        for (var i = 0; i < tabs; i++)
        {
            await page.Keyboard.PressAsync("Tab");
        }

        var focused = page.Locator(selector);
        await Assertions.Expect(focused).ToBeFocusedAsync();
        Assert.That(await OutlineAsync(focused), Is.EqualTo("2px solid"));
    }

    [Test]
    public async Task Side_link_and_input_show_ring()
    {
        var page = await _session.SignInAsync("sales1");
        await page.GotoAsync("/notifications");
        var toggle = page.Locator("#main-content input").First;
        await Assertions.Expect(toggle).ToBeVisibleAsync();
        var sideLink = page.Locator(".mud-nav-link").First;

        // Chromium shows :focus-visible on a focus() call only after keyboard input, as after a Tab.
        await page.Keyboard.PressAsync("Tab");
        await sideLink.FocusAsync();
        var sideOutline = await OutlineAsync(sideLink);
        await toggle.FocusAsync();
        var inputOutline = await OutlineAsync(toggle);

        Assert.That(sideOutline, Is.EqualTo("2px solid"));
        Assert.That(inputOutline, Is.EqualTo("2px solid"));
        await _session.ScreenshotAsync(page, "keyboard-focus");
    }

    private static Task<string> OutlineAsync(ILocator element) => element.EvaluateAsync<string>(
        "element => { const style = getComputedStyle(element); return style.outlineWidth + ' ' + style.outlineStyle; }");
}
