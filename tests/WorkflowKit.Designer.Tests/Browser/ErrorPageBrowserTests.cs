using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;
using WorkflowKit.Designer.Tests.Support;

namespace WorkflowKit.Designer.Tests.Browser;

/// <summary>
/// A designer in the Production environment whose services fail on demand (<see cref="FaultSwitch"/>): an unhandled
/// exception on a static page shows the error page, on an interactive page the layout's error message, and in an API
/// call a 500 problem. Each shows a reference id in the user's language, and the log has the exception beside that id.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class ErrorPageBrowserTests
{
    private const int StaticFailure = 5040;
    private const int PageFailure = 5041;

    private readonly FaultSwitch _faults = new();
    private readonly LogCapture _logs = new();
    private BrowserSession _session = default!;

    [OneTimeSetUp]
    public async Task StartAsync() => _session = await BrowserSession.StartAsync(
        settings: new Dictionary<string, string> { ["environment"] = "Production" },
        testServices: services =>
        {
            _faults.Register(services);
            services.AddSingleton<ILoggerProvider>(_logs);
        });

    [SetUp]
    public void Reset()
    {
        _faults.InboxFails = false;
        _faults.AntiforgeryFails = false;
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
    public async Task Anonymous_static_page_failure()
    {
        var context = await _session.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = _session.App.RootUri.ToString(),
            Locale = "en-US",
        });
        var page = await context.NewPageAsync();
        _session.Pages.Add(page);
        _faults.AntiforgeryFails = true;

        var response = await page.GotoAsync("/login");

        Assert.That(response!.Status, Is.EqualTo(500));
        await Assertions.Expect(page.Locator("h2")).ToHaveTextAsync("Something went wrong.");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        var reference = await page.GetByTestId("error-reference").TextContentAsync();
        AssertLogged(StaticFailure, reference, "IAntiforgery.GetAndStoreTokens");
    }

    [Test]
    public async Task Signed_in_static_page_failure()
    {
        var page = await _session.SignInAsync("sales1");
        _faults.AntiforgeryFails = true;

        var response = await page.GotoAsync("/login");

        Assert.That(response!.Status, Is.EqualTo(500));
        await Assertions.Expect(page.Locator("h2")).ToHaveTextAsync("出错了。");
        await Assertions.Expect(page.GetByText("请重试；如果仍然出错，请把此编号告诉管理员。")).ToBeVisibleAsync();
        var reference = await page.GetByTestId("error-reference").TextContentAsync();
        AssertLogged(StaticFailure, reference, "IAntiforgery.GetAndStoreTokens");
    }

    [Test]
    public async Task Interactive_page_failure()
    {
        var page = await _session.SignInAsync("sales1");
        await page.GotoAsync("/notifications");
        await page.WaitForSelectorAsync("#current-user");
        _faults.InboxFails = true;

        await page.GetByRole(AriaRole.Link, new() { Name = "待办" }).First.ClickAsync();

        await Assertions.Expect(page.GetByTestId("page-error")).ToHaveTextAsync("出错了。");
        var reference = await page.GetByTestId("error-reference").TextContentAsync();
        AssertLogged(PageFailure, reference, "IWorkService.GetInboxAsync");
    }

    [TestCase("sales1", "服务器处理 GET /api/tasks 时出错。错误已记录，参考编号 ")]
    [TestCase("sales2", "The server failed while handling GET /api/tasks. The error is logged with reference id ")]
    public async Task Api_failure_is_a_problem(string userId, string detailStart)
    {
        using var client = await LoopbackClients.ForAsync(
            _session.App, userId, userId == "sales2" ? "en" : null);
        _faults.InboxFails = true;

        using var response = await client.GetAsync("/api/tasks");
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();

        var reference = (string?)problem!["referenceId"];
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.InternalServerError));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        Assert.That((string?)problem["code"], Is.EqualTo("server-error"));
        Assert.That((string?)problem["detail"], Does.StartWith(detailStart + reference));
        AssertLogged(StaticFailure, reference, "IWorkService.GetInboxAsync");
    }

    private void AssertLogged(int eventId, string? reference, string member)
    {
        Assert.That(reference, Does.Match("^[0-9a-f]{32}$"));
        var entries = _logs.WithId(eventId)
            .Where(entry => entry.State.Any(pair => pair.Key == "ReferenceId" && (string?)pair.Value == reference))
            .ToList();
        Assert.That(entries, Has.Count.EqualTo(1), $"one log entry {eventId} with reference id {reference}");
        Assert.That(entries[0].Level, Is.EqualTo(LogLevel.Error));
        Assert.That(entries[0].Exception, Is.TypeOf<FaultException>());
        Assert.That(entries[0].Exception!.Message, Does.Contain(member));
    }
}
