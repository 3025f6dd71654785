using Microsoft.Playwright;
using WorkflowKit.Designer.Accounts;
using WorkflowKit.Designer.Services;
using WorkflowKit.Designer.Tests.Support;
using WorkflowKit.Records;

namespace WorkflowKit.Designer.Tests.Browser;

/// <summary>The built-in templates, imported at first start, open in the designer and the portal.</summary>
[TestFixture]
[NonParallelizable]
public sealed class TemplateBrowserTests
{
    private BrowserSession _session = default!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        var templates = DesignerAppFactory.RepositoryTemplates();
        if (!Directory.Exists(templates))
        {
            Assert.Ignore($"No built-in templates at {templates}.");
        }

        _session = await BrowserSession.StartAsync(templates);
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
    public async Task Every_template_flow_opens_in_the_designer_without_errors()
    {
        var flows = await _session.Get<IDefinitionService>().ListAsync(DefinitionKind.Flow, default);
        Assert.That(flows, Is.Not.Empty, "the templates should have been imported at start");
        var owner = await _session.SignInAsync("owner");
        await owner.GotoAsync("/design/flows");
        await _session.ScreenshotAsync(owner, "10-template-flows");

        foreach (var flow in flows)
        {
            await owner.GotoAsync($"/design/flows/{flow.Key}");
            await Assertions.Expect(owner.GetByTestId("flow-title")).ToBeVisibleAsync();
            await Assertions.Expect(owner.Locator("[data-testid=diagnostic][data-severity=error]")).ToHaveCountAsync(0);

            // The canvas draws the nodes once the browser has reported its size and the flow is fitted.
            await Assertions.Expect(owner.Locator(".wk-node").First).ToBeVisibleAsync();
            Assert.That(await owner.Locator(".wk-node").CountAsync(), Is.GreaterThan(1), flow.Key);
        }

        await owner.GotoAsync($"/design/flows/{flows[0].Key}");
        await owner.GetByTestId("auto-layout").ClickAsync();
        await _session.ScreenshotAsync(owner, "11-template-designer");
    }

    [Test]
    public async Task Startable_templates_are_offered_to_sales()
    {
        var sales = await _session.SignInAsync("sales1");

        await sales.GotoAsync("/start");

        await Assertions.Expect(sales.GetByTestId("startable-flow").First).ToBeVisibleAsync();
        await _session.ScreenshotAsync(sales, "12-start-templates");
    }

    [Test]
    public async Task Sales_submit_template_order()
    {
        var records = _session.Get<IRecordStore>();
        var admin = new RecordWriteContext("admin");
        await records.CreateAsync("customer", RecordSeed.Customer("C0001", "east"), admin, default);
        await records.CreateAsync("regional-price", RecordSeed.RegionalPrice("IVD-0001", "east", 11m), admin, default);
        var sales = await _session.SignInAsync("sales1");
        await sales.GotoAsync("/start/order-to-shipment");

        await Assertions.Expect(sales.Locator("[data-field=orderDate] input")).Not.ToHaveValueAsync(string.Empty);
        await sales.Locator("[data-field=customer] input").FillAsync("C0001");
        await sales.GetByText("添加行").ClickAsync();
        var row = sales.Locator("[data-field=lines] tr[data-row='1']");
        await row.Locator("[data-field=product] input").FillAsync("IVD-0001");
        await row.Locator("[data-field=quantity] input").FillAsync("2");
        await row.Locator("[data-field=quantity] input").PressAsync("Tab");
        await row.Locator("[data-field=unitPrice] input").FillAsync("10.5");
        await row.Locator("[data-field=unitPrice] input").PressAsync("Tab");

        var twentyOne = new System.Text.RegularExpressions.Regex(@"^21(\.0+)?$");
        await Assertions.Expect(row.Locator("[data-field=amount] input")).ToHaveValueAsync(twentyOne);
        await Assertions.Expect(sales.Locator("[data-field=total] input")).ToHaveValueAsync(twentyOne);
        await _session.ScreenshotAsync(sales, "13-start-template-order");
        await sales.GetByTestId("submit").ClickAsync();
        await Assertions.Expect(sales).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/instances/[0-9a-f]+$"));
    }

    [Test]
    public async Task Double_click_on_submit_starts_one_order()
    {
        var records = _session.Get<IRecordStore>();
        var admin = new RecordWriteContext("admin");
        await records.CreateAsync("customer", RecordSeed.Customer("C0002", "east"), admin, default);
        await records.CreateAsync("regional-price", RecordSeed.RegionalPrice("IVD-0002", "east", 11m), admin, default);
        var work = _session.Get<IWorkService>();
        var user = await StuckOrders.SignInAsync(_session.Get<AccountStore>(), "sales1");
        var before = (await work.GetInstancesAsync(user, default)).Count;
        var sales = await _session.SignInAsync("sales1");
        await sales.GotoAsync("/start/order-to-shipment");
        await sales.Locator("[data-field=customer] input").FillAsync("C0002");
        await sales.GetByText("添加行").ClickAsync();
        var row = sales.Locator("[data-field=lines] tr[data-row='1']");
        await row.Locator("[data-field=product] input").FillAsync("IVD-0002");
        await row.Locator("[data-field=quantity] input").FillAsync("1");
        await row.Locator("[data-field=unitPrice] input").FillAsync("11");
        await row.Locator("[data-field=unitPrice] input").PressAsync("Tab");

        await sales.GetByTestId("submit").DblClickAsync();

        await Assertions.Expect(sales).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/instances/[0-9a-f]+$"));
        var after = await work.GetInstancesAsync(user, default);
        Assert.That(after, Has.Count.EqualTo(before + 1));
    }
}
