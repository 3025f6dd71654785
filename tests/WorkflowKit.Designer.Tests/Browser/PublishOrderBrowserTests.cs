using Microsoft.Playwright;
using WorkflowKit.Definitions.Json;
using WorkflowKit.Designer.Services;
using WorkflowKit.Designer.Tests.Support;

namespace WorkflowKit.Designer.Tests.Browser;

/// <summary>A process owner publishes a flow on the flow designer before the form it starts with is published.</summary>
[TestFixture]
[NonParallelizable]
public sealed class PublishOrderBrowserTests
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
    public async Task Designer_names_form_to_publish_first()
    {
        var definitions = _session.Get<IDefinitionService>();
        await definitions.SaveDraftAsync(DefinitionKind.Form, OrderDefinitions.FormKey,
            DefinitionJson.Serialize(OrderDefinitions.Form()), null, "owner", default);
        await definitions.SaveDraftAsync(DefinitionKind.Flow, OrderDefinitions.FlowKey,
            DefinitionJson.Serialize(OrderDefinitions.Flow()), null, "owner", default);

        var owner = await _session.SignInAsync("owner");
        await owner.GotoAsync($"/design/flows/{OrderDefinitions.FlowKey}");
        await owner.GetByTestId("publish").ClickAsync();
        await owner.GetByTestId("publish-confirm").ClickAsync();

        var error = owner.GetByTestId("diagnostic").Filter(new() { HasText = "WK1025" });
        await Assertions.Expect(error).ToHaveCountAsync(1);
        await _session.ScreenshotAsync(owner, "36-designer-publish-form-first");
        await Assertions.Expect(error).ToContainTextAsync(
            $"表单“{OrderDefinitions.FormKey}”还没有发布的版本。请先发布表单“{OrderDefinitions.FormKey}”，再发布此流程");
        await Assertions.Expect(owner.GetByTestId("published-version")).ToHaveCountAsync(0);
    }
}
