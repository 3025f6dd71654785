using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using WorkflowKit.Designer.Hosting;
using WorkflowKit.Designer.Tests.Support;

namespace WorkflowKit.Designer.Tests.Browser;

/// <summary>
/// The real app on Kestrel at a free 127.0.0.1 port with its own database, and Debian's Chromium
/// driven by Playwright (never a downloaded browser). Skips when Chromium is absent, unless CI=true.
/// </summary>
public sealed class BrowserSession : IAsyncDisposable
{
    private static readonly string[] LaunchArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run",
    ];

    private BrowserSession(DesignerAppFactory app, IPlaywright playwright, IBrowser browser, string screenshots)
    {
        App = app;
        Playwright = playwright;
        Browser = browser;
        Screenshots = screenshots;
    }

    public DesignerAppFactory App { get; }

    public IPlaywright Playwright { get; }

    public IBrowser Browser { get; }

    public string Screenshots { get; }

    public IServiceProvider Services => App.Services;

    /// <summary>Pages opened by <see cref="SignInAsync"/>, for screenshots when a test fails.</summary>
    public List<IPage> Pages { get; } = [];

    /// <param name="templates">Templates folder to import at start; an empty folder when null.</param>
    /// <param name="settings">Configuration that replaces the defaults, such as the storage provider.</param>
    /// <param name="testServices">Changes to the app's services after its own, such as a service that fails.</param>
    public static async Task<BrowserSession> StartAsync(
        string? templates = null, IReadOnlyDictionary<string, string>? settings = null,
        Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? testServices = null)
    {
        var chromium = Environment.GetEnvironmentVariable("WORKFLOWKIT_CHROMIUM") is { Length: > 0 } configured
            ? configured
            : "/usr/bin/chromium";
        if (!File.Exists(chromium))
        {
            var message = $"Chromium not found at '{chromium}'. Install it with 'apt-get install -y chromium' " +
                          "or set WORKFLOWKIT_CHROMIUM to its path.";
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                Assert.Fail(message);
            }

            Assert.Ignore(message);
        }

        var app = new DesignerAppFactory(kestrel: true, templates, settings, testServices: testServices);
        app.StartServer();
        var playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = LaunchArgs,
        });
        var screenshots = Path.Combine(TestContext.CurrentContext.WorkDirectory, "screenshots");
        Directory.CreateDirectory(screenshots);
        return new BrowserSession(app, playwright, browser, screenshots);
    }

    /// <summary>A fresh browser context signed in as a demo user.</summary>
    public async Task<IPage> SignInAsync(string userName)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = App.RootUri.ToString(),
            ViewportSize = new ViewportSize { Width = 1600, Height = 1000 },
            Locale = "zh-CN",
        });
        context.SetDefaultTimeout(20_000);
        var page = await context.NewPageAsync();
        Pages.Add(page);
        await page.GotoAsync("/login");
        await page.FillAsync("#userName", userName);
        await page.FillAsync("#password", DemoAccounts.Password);
        await page.ClickAsync("#sign-in");
        await page.WaitForSelectorAsync("#current-user");
        return page;
    }

    public async Task ScreenshotAsync(IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.WaitForTimeoutAsync(300);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, name + ".png"), FullPage = true });
    }

    /// <summary>Saves a screenshot of every open page, named after the failed test.</summary>
    public async Task CaptureFailureAsync()
    {
        if (TestContext.CurrentContext.Result.Outcome.Status != NUnit.Framework.Interfaces.TestStatus.Failed)
        {
            return;
        }

        for (var i = 0; i < Pages.Count; i++)
        {
            if (!Pages[i].IsClosed)
            {
                await Pages[i].ScreenshotAsync(new PageScreenshotOptions
                {
                    Path = Path.Combine(Screenshots, $"failed-{TestContext.CurrentContext.Test.Name}-{i}.png"),
                    FullPage = true,
                });
            }
        }
    }

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    public async ValueTask DisposeAsync()
    {
        await Browser.CloseAsync();
        Playwright.Dispose();
        await App.DisposeAsync();
    }
}
