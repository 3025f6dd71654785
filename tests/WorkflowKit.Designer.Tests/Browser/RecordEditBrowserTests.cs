using Microsoft.Playwright;
using WorkflowKit.Designer.Tests.Records;
using WorkflowKit.Designer.Tests.Support;

namespace WorkflowKit.Designer.Tests.Browser;

/// <summary>
/// A warehouse user corrects a stock batch's expiry date on the record page in a real browser, and a second page that
/// still shows the old version gets the conflict in place of overwriting the correction.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class RecordEditBrowserTests
{
    private BrowserSession _session = default!;

    [OneTimeSetUp]
    public async Task StartAsync() =>
        _session = await BrowserSession.StartAsync(DesignerAppFactory.RepositoryTemplates());

    [TearDown]
    public Task CaptureAsync() => _session.CaptureFailureAsync();

    [OneTimeTearDown]
    public async Task StopAsync() => await _session.DisposeAsync();

    [Test]
    public async Task Warehouse_user_corrects_expiry_then_stale_page_conflicts()
    {
        var batch = await RecordEditApiTests.SeedBatchAsync(_session.App, "B-EDIT-1");
        var first = await _session.SignInAsync("warehouse1");
        var second = await _session.SignInAsync("warehouse1");
        await second.GotoAsync($"/records/stock-batch/{batch}");
        await second.GetByTestId("record-edit").ClickAsync();

        await first.GotoAsync($"/records/stock-batch/{batch}");
        await first.GetByTestId("record-edit").ClickAsync();
        var expiry = first.Locator("[data-testid=record-edit-form] [data-field=expiryDate] input");
        await expiry.FillAsync("2027-09-30");
        await expiry.PressAsync("Tab");
        await first.GetByTestId("record-save").ClickAsync();

        var change = first.Locator("[data-testid=history-changes] tr[data-field=expiryDate]");
        await Assertions.Expect(change.GetByTestId("old-value")).ToHaveTextAsync("2027-03-31");
        await Assertions.Expect(change.GetByTestId("new-value")).ToHaveTextAsync("2027-09-30");
        await Assertions.Expect(first.Locator("[data-testid=record-fields] tr[data-field=expiryDate] td"))
            .ToHaveTextAsync("2027-09-30");

        var quantity = second.Locator("[data-testid=record-edit-form] [data-field=quantity] input");
        await quantity.FillAsync("95");
        await quantity.PressAsync("Tab");
        await second.GetByTestId("record-save").ClickAsync();

        var conflict = second.GetByTestId("record-conflict");
        await Assertions.Expect(conflict).ToContainTextAsync("赵磊");
        await Assertions.Expect(conflict).ToContainTextAsync("版本 2");
        await second.GetByTestId("record-reload").ClickAsync();
        await Assertions.Expect(second.Locator("[data-testid=record-fields] tr[data-field=expiryDate] td"))
            .ToHaveTextAsync("2027-09-30");
        await Assertions.Expect(second.Locator("[data-testid=record-fields] tr[data-field=quantity] td"))
            .ToHaveTextAsync("100");
    }

    [Test]
    public async Task Salesperson_sees_no_edit_button()
    {
        var batch = await RecordEditApiTests.SeedBatchAsync(_session.App, "B-EDIT-2");
        var sales = await _session.SignInAsync("sales1");

        await sales.GotoAsync($"/records/stock-batch/{batch}");

        await Assertions.Expect(sales.GetByTestId("record-title")).ToBeVisibleAsync();
        await Assertions.Expect(sales.GetByTestId("record-edit")).ToHaveCountAsync(0);
    }
}
