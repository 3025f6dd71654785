using System.Collections.Concurrent;
using Microsoft.Playwright;
using WorkflowKit.Designer.Hosting;

namespace WorkflowKit.Designer.Tests.Browser;

/// <summary>
/// Loads the sign-in page and pages of the portal and the admin area in Chromium and records every request that
/// the pages make (styles, scripts, the page icon). None may fail or get an error status, because each such request
/// puts a "Failed to load resource" error in the browser console.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class PageResourceBrowserTests
{
    private static readonly string[] Pages = ["/", "/submissions", "/admin/import", "/admin/roles"];

    [Test]
    public async Task Page_loads_have_no_failed_requests()
    {
        await using var session = await BrowserSession.StartAsync();
        var failures = new ConcurrentQueue<string>();
        try
        {
            var context = await session.Browser.NewContextAsync(new BrowserNewContextOptions
            {
                BaseURL = session.App.RootUri.ToString(),
                Locale = "zh-CN",
            });
            context.SetDefaultTimeout(20_000);
            var page = await context.NewPageAsync();
            session.Pages.Add(page);
            page.Response += (_, response) =>
            {
                if (response.Status >= 400)
                {
                    failures.Enqueue($"{response.Status} {new Uri(response.Url).PathAndQuery}");
                }
            };
            page.RequestFailed += (_, request) =>
                failures.Enqueue($"{request.Failure} {new Uri(request.Url).PathAndQuery}");
            page.Console += (_, message) =>
            {
                if (message.Type == "error")
                {
                    failures.Enqueue($"console on {new Uri(page.Url).PathAndQuery}: {message.Text}");
                }
            };

            await page.GotoAsync("/login");
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            await page.FillAsync("#userName", "admin");
            await page.FillAsync("#password", DemoAccounts.Password);
            await page.ClickAsync("#sign-in");
            await page.WaitForSelectorAsync("#current-user");
            foreach (var path in Pages)
            {
                await page.GotoAsync(path);
                await page.WaitForSelectorAsync("#current-user");
                await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            }

            Assert.That(failures, Is.Empty);
        }
        finally
        {
            await session.CaptureFailureAsync();
        }
    }
}
