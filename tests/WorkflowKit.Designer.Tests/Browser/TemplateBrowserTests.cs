using Microsoft.Playwright;
using WorkflowKit.Designer.Services;
using WorkflowKit.Designer.Tests.Support;

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
            await Assertions.Expect(owner.GetByTestId("diagnostic")).ToHaveCountAsync(0);

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
}
