using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using WorkflowKit.Designer.Tests.Support;

namespace WorkflowKit.Designer.Tests.Browser;

/// <summary>
/// The record list with more records than it counts ahead (1,000 past the current page). The pager takes the
/// exact total once the background count arrives, and its last page shows the last records of the sort.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class RecordPagerBrowserTests
{
    private const int BatchCount = 1_045;

    private BrowserSession _session = default!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _session = await BrowserSession.StartAsync(DesignerAppFactory.RepositoryTemplates());
        for (var quantity = 1; quantity <= BatchCount; quantity++)
        {
            await RecordSeed.CreateAsync(_session.App, "stock-batch", new JsonObject
            {
                ["batchNo"] = $"PG{quantity:D5}", ["product"] = "P-1", ["warehouse"] = "sh", ["quantity"] = quantity,
                ["expiryDate"] = RecordSeed.Day(400), ["status"] = "available",
            });
        }
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
    public async Task List_shows_exact_total_past_count_ahead()
    {
        var admin = await _session.SignInAsync("admin");

        await admin.GotoAsync("/records/stock-batch");

        await Expect(admin.GetByTestId("records-total")).ToHaveTextAsync(new Regex(@"^1,045 "));
        await Expect(admin.GetByTestId("records-pager")).ToContainTextAsync("1,045");
        await Expect(admin.GetByTestId("records-pager")).Not.ToContainTextAsync("+");
    }

    [Test]
    public async Task Last_page_shows_end_of_sort()
    {
        var admin = await _session.SignInAsync("admin");
        await admin.GotoAsync("/records/stock-batch");
        await Expect(admin.GetByTestId("records-total")).ToHaveTextAsync(new Regex(@"^1,045 "));

        await admin.GetByTestId("records").Locator("th").GetByText("库存数量").ClickAsync();
        await Expect(admin.Locator("td[data-field=batchNo]").First).ToHaveTextAsync("PG00001");
        await admin.GetByTestId("records-pager").Locator("button[aria-label='最后一页']").ClickAsync();

        await Expect(admin.Locator("td[data-field=batchNo]").Last).ToHaveTextAsync("PG01045");
        await Expect(admin.GetByTestId("records-pager")).ToContainTextAsync("1,041-1,045");
        await _session.ScreenshotAsync(admin, "records-last-page");
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
