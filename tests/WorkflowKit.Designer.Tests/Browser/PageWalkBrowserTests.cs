using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using WorkflowKit.Designer.Accounts;
using WorkflowKit.Designer.Services;
using WorkflowKit.Designer.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace WorkflowKit.Designer.Tests.Browser;

/// <summary>
/// Walks the main pages in Chinese as a staff member and as an administrator, on the built-in templates, saving a
/// screenshot of each. Every page must be free of MudBlazor's English defaults, must not scroll sideways and must mark
/// at most one menu entry as current.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed partial class PageWalkBrowserTests
{
    private static readonly string[] StaffPages =
        ["/", "/start", "/submissions", "/cc", "/done", "/records/customer", "/dashboards", "/dashboards/forecast"];

    private static readonly string[] AdminPages =
    [
        "/admin/users", "/admin/roles", "/admin/departments", "/admin/packages", "/admin/api-keys", "/admin/import",
        "/admin/calendar", "/admin/permissions", "/design/flows", "/design/forms",
    ];

    private BrowserSession _session = default!;
    private string _instanceId = string.Empty;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _session = await BrowserSession.StartAsync(DesignerAppFactory.RepositoryTemplates());
        await OrderDefinitions.PublishAsync(_session.Get<IDefinitionService>(), "owner");
        var started = await _session.Get<IWorkService>().StartAsync(
            OrderDefinitions.FlowKey,
            new JsonObject { ["customer"] = "仁济医院", ["region"] = "east", ["total"] = 5000 },
            new UserContext("sales1", "张伟", "sales-east", [RoleNames.Sales],
                new Dictionary<string, string> { ["region"] = "east" }, "zh-CN"),
            default);
        _instanceId = started.Id;
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
    public async Task Staff_pages_in_chinese()
    {
        var manager = await _session.SignInAsync("manager");
        var pages = StaffPages.Append($"/instances/{_instanceId}").ToList();
        await manager.GotoAsync("/");
        await manager.GetByTestId("inbox").GetByText("仁济医院").ClickAsync();
        await manager.WaitForURLAsync("**/tasks/**");
        pages.Add(new Uri(manager.Url).AbsolutePath);

        await WalkAsync(manager, "staff", pages);
    }

    [Test]
    public async Task Admin_pages_in_chinese()
    {
        var admin = await _session.SignInAsync("admin");
        var flows = await _session.Get<IDefinitionService>().ListAsync(DefinitionKind.Flow, default);
        var forms = await _session.Get<IDefinitionService>().ListAsync(DefinitionKind.Form, default);
        var pages = AdminPages
            .Append($"/design/flows/{flows.First(flow => flow.Key != OrderDefinitions.FlowKey).Key}")
            .Append($"/design/forms/{forms.First(form => form.Key != OrderDefinitions.FormKey).Key}");

        await WalkAsync(admin, "admin", pages);
    }

    private async Task WalkAsync(IPage page, string account, IEnumerable<string> paths)
    {
        var problems = new List<string>();
        foreach (var path in paths)
        {
            await page.GotoAsync(path);
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            await Expect(page.Locator(".mud-main-content")).ToBeVisibleAsync();
            await page.WaitForTimeoutAsync(700);
            var slug = path == "/" ? "inbox" : SlugPattern().Replace(path.Trim('/'), "-");
            await _session.ScreenshotAsync(page, $"60-walk-{account}-{slug}");

            var text = await page.Locator("body").InnerTextAsync();
            foreach (var english in EnglishDefaults().Matches(text).Select(match => match.Value).Distinct())
            {
                problems.Add($"{path}: English text '{english}'");
            }

            var active = await page.Locator(".mud-nav-link.active").AllInnerTextsAsync();
            // Task and instance pages have no menu entry of their own.
            if (active.Count > 1)
            {
                problems.Add($"{path}: {active.Count} menu entries marked current ({string.Join(", ", active)})");
            }

            var overflow = await page.EvaluateAsync<int>(
                "() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
            if (overflow > 1)
            {
                problems.Add($"{path}: page scrolls sideways by {overflow} px");
            }
        }

        Assert.That(problems, Is.Empty);
    }

    // MudBlazor's own English defaults: the table pager's label and range, and the loading and empty texts.
    [GeneratedRegex(@"Rows per page|\b\d+-\d+ of \d+\b|Loading…|No matching records found")]
    private static partial Regex EnglishDefaults();

    [GeneratedRegex("[^A-Za-z0-9]+")]
    private static partial Regex SlugPattern();
}
