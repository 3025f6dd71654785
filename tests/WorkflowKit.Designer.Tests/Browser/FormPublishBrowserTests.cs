using WorkflowKit.Definitions;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Definitions.Json;
using WorkflowKit.Definitions.Store;
using WorkflowKit.Designer.Services;
using WorkflowKit.Designer.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace WorkflowKit.Designer.Tests.Browser;

/// <summary>
/// A process owner adds a field to the order form, publishes it with a comment, publishes the flow that the form
/// designer then offers, and a sales person finds the new field on the start form.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class FormPublishBrowserTests
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
    public async Task New_form_field_reaches_offered_flow()
    {
        var definitions = _session.Get<IDefinitionService>();
        await OrderDefinitions.PublishAsync(definitions, "owner");
        var form = OrderDefinitions.Form();
        form.Fields.Add(new FieldDefinition
        {
            Id = "deliveryNote", Type = FieldTypes.Text, Label = new LocalizedText("送货要求", "Delivery request"),
        });
        var draft = (await definitions.GetDraftAsync(DefinitionKind.Form, OrderDefinitions.FormKey, default))!;
        await definitions.SaveDraftAsync(DefinitionKind.Form, OrderDefinitions.FormKey, DefinitionJson.Serialize(form),
            draft.Revision, "owner", default);

        var owner = await _session.SignInAsync("owner");
        await owner.GotoAsync($"/design/forms/{OrderDefinitions.FormKey}");
        await Expect(owner.GetByTestId("publish-form")).ToBeEnabledAsync();
        await Expect(owner.GetByTestId("flows-on-older-form")).ToHaveCountAsync(0);
        await owner.GetByTestId("publish-form").ClickAsync();
        await owner.GetByTestId("publish-comment").Locator("xpath=descendant-or-self::textarea")
            .FillAsync("新增送货要求字段");
        await owner.GetByTestId("publish-confirm").ClickAsync();

        var offered = owner.Locator($"[data-testid=flow-on-older-form][data-flow-key={OrderDefinitions.FlowKey}]");
        await Expect(offered).ToContainTextAsync("流程 v1 使用表单 v1；表单的最新版本是 v2。");
        await _session.ScreenshotAsync(owner, "66-form-publish-offers-flows");
        await offered.GetByTestId("republish-flow").ClickAsync();
        await Expect(owner.GetByTestId("flows-on-older-form")).ToHaveCountAsync(0);

        var formHistory = await definitions.GetHistoryAsync(DefinitionKind.Form, OrderDefinitions.FormKey, default);
        var flowHistory = await definitions.GetHistoryAsync(DefinitionKind.Flow, OrderDefinitions.FlowKey, default);
        var store = _session.Get<IDefinitionStore>();
        Assert.That(formHistory[^1].Comment, Is.EqualTo("新增送货要求字段"));
        Assert.That(flowHistory.Select(version => version.Version), Is.EqualTo(new[] { 1, 2 }));
        Assert.That(flowHistory[^1].Comment, Is.EqualTo($"使用表单 {OrderDefinitions.FormKey} v2。"));
        Assert.That(await store.GetBoundFormVersionAsync(OrderDefinitions.FlowKey, 2, default), Is.EqualTo(2));

        var sales = await _session.SignInAsync("sales1");
        await sales.GotoAsync($"/start/{OrderDefinitions.FlowKey}");
        await Expect(sales.Locator("[data-field=deliveryNote]")).ToContainTextAsync("送货要求");
        await _session.ScreenshotAsync(sales, "67-start-form-new-field");
    }
}
