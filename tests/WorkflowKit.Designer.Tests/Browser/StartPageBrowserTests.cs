using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using WorkflowKit.Definitions;
using WorkflowKit.Designer.Services;
using WorkflowKit.Designer.Tests.Support;

namespace WorkflowKit.Designer.Tests.Browser;

/// <summary>
/// The start page as staff see it: each flow's name and description in the user's language, with the version only in
/// a tooltip and the flow key nowhere on the page.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class StartPageBrowserTests
{
    private BrowserSession _session = default!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _session = await BrowserSession.StartAsync();
        var definitions = _session.Services.GetRequiredService<IDefinitionService>();
        var flow = OrderDefinitions.Flow();
        flow.Description = new LocalizedText("医院客户下单后由销售经理审批。", "A sales manager approves a hospital's order.");
        await OrderDefinitions.PublishAsync(definitions, "owner", flow);
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
    public async Task Flow_card_shows_name_and_description()
    {
        var page = await _session.SignInAsync("sales1");

        await page.GotoAsync("/start");

        var card = page.GetByTestId("startable-flow");
        await Assertions.Expect(card.GetByTestId("startable-flow-name")).ToHaveTextAsync("订单审批");
        await Assertions.Expect(card.GetByTestId("startable-flow-description"))
            .ToHaveTextAsync("医院客户下单后由销售经理审批。");
        var version = await card.GetByTestId("startable-flow-name").GetAttributeAsync("title");
        Assert.That(version, Does.Match("^版本 [0-9]+$"));
        var text = await card.InnerTextAsync();
        Assert.That(text, Does.Not.Contain(OrderDefinitions.FlowKey));
        Assert.That(text, Does.Not.Contain(version));
        await _session.ScreenshotAsync(page, "start-page-cards");
    }

    [Test]
    public async Task Start_form_shows_description()
    {
        var page = await _session.SignInAsync("sales1");

        await page.GotoAsync($"/start/{OrderDefinitions.FlowKey}");

        await Assertions.Expect(page.GetByTestId("start-flow-name")).ToHaveTextAsync("订单审批");
        await Assertions.Expect(page.GetByTestId("start-flow-description"))
            .ToHaveTextAsync("医院客户下单后由销售经理审批。");
        await page.WaitForSelectorAsync("[data-field=customer]");
        var main = await page.Locator("#main-content").InnerTextAsync();
        Assert.That(main, Does.Not.Contain("版本"));
        Assert.That(main, Does.Not.Contain(OrderDefinitions.FlowKey));
    }
}
