using Microsoft.Playwright;
using WorkflowKit.Definitions;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Definitions.Json;
using WorkflowKit.Designer.Services;
using WorkflowKit.Designer.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace WorkflowKit.Designer.Tests.Browser;

/// <summary>
/// A process owner compares two published versions of a flow from its Versions tab, and rolls a form back to an
/// earlier version from the form designer's Versions tab, which a sales person then sees on the start page.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class VersionBrowserTests
{
    private const string TextArea = "xpath=descendant-or-self::textarea";

    private BrowserSession _session = default!;

    // Each test publishes the order form and flow from version 1, so each gets its own app and database.
    [SetUp]
    public async Task StartAsync() => _session = await BrowserSession.StartAsync();

    [TearDown]
    public async Task StopAsync()
    {
        if (_session is not null)
        {
            await _session.CaptureFailureAsync();
            await _session.DisposeAsync();
        }
    }

    [Test]
    public async Task Flow_versions_compare_with_values()
    {
        var definitions = _session.Get<IDefinitionService>();
        await OrderDefinitions.PublishAsync(definitions, "owner");
        var second = OrderDefinitions.FlowWithCreditHoldNotice();
        second.Nodes.Single(node => node.Id == OrderDefinitions.ManagerNode).Deadline!.Duration = "P3D";
        await PublishFlowAsync(definitions, second);

        var owner = await _session.SignInAsync("owner");
        await owner.GotoAsync($"/design/flows/{OrderDefinitions.FlowKey}");
        var compare = $"/design/flows/{OrderDefinitions.FlowKey}/diff?from=1&to=2";
        await Expect(owner.GetByTestId("compare-go")).ToHaveAttributeAsync("href", compare);
        await owner.GotoAsync(compare);

        await Expect(owner.GetByTestId("diff-versions")).ToHaveTextAsync("v1 → v2");
        var manager = owner.Locator($"[data-testid=node-changed][data-node={OrderDefinitions.ManagerNode}]");
        await Expect(manager).ToContainTextAsync("经理审批");
        var deadline = manager.Locator("[data-testid=value-change][data-path='deadline.duration']");
        await Expect(deadline.GetByTestId("value-before")).ToHaveTextAsync("P2D");
        await Expect(deadline.GetByTestId("value-after")).ToHaveTextAsync("P3D");
        await Expect(owner.GetByTestId("edge-added").First).ToContainTextAsync("信用拦截通知");
        await Expect(owner.GetByTestId("edge-removed")).ToHaveTextAsync("删除连线: 提交订单 → 经理审批");
        await _session.ScreenshotAsync(owner, "90-flow-diff-two-versions");

        var measured = await CanvasMeasurement.MeasureAsync(owner);
        Assert.That(measured.Nodes.Keys, Is.EquivalentTo(second.Nodes.Select(node => node.Id)));
        foreach (var node in second.Nodes)
        {
            Assert.That(measured.Inside(node.Id), Is.True, $"node {node.Id} is inside the diff diagram");
        }
    }

    [Test]
    public async Task Form_rollback_reaches_start_page()
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
        await definitions.PublishAsync(DefinitionKind.Form, OrderDefinitions.FormKey, "owner", "送货要求", default);
        await definitions.RepublishFlowAsync(OrderDefinitions.FlowKey, "owner", null, default);

        var owner = await _session.SignInAsync("owner");
        await owner.GotoAsync($"/design/forms/{OrderDefinitions.FormKey}");
        await owner.GetByRole(AriaRole.Tab, new() { Name = "版本" }).ClickAsync();
        await Expect(owner.GetByTestId("versions")).ToContainTextAsync("送货要求");
        await owner.GetByTestId("load-version").First.ClickAsync();
        await Expect(owner.Locator("[data-testid=field-item][data-field-id=deliveryNote]")).ToHaveCountAsync(0);
        await owner.GetByTestId("publish-form").ClickAsync();
        await Expect(owner.GetByTestId("publish-comment").Locator(TextArea)).ToHaveValueAsync("恢复版本 1。");
        await owner.GetByTestId("publish-confirm").ClickAsync();
        await Expect(owner.GetByTestId("restores")).ToHaveTextAsync("恢复 v1");
        await _session.ScreenshotAsync(owner, "91-form-versions-restored");
        await owner.Locator($"[data-testid=flow-on-older-form][data-flow-key={OrderDefinitions.FlowKey}]")
            .GetByTestId("republish-flow").ClickAsync();
        await Expect(owner.GetByTestId("flows-on-older-form")).ToHaveCountAsync(0);

        var history = await definitions.GetHistoryAsync(DefinitionKind.Form, OrderDefinitions.FormKey, default);
        Assert.That(history.Select(version => version.Version), Is.EqualTo(new[] { 1, 2, 3 }));
        Assert.That(history[^1].Comment, Is.EqualTo("恢复版本 1。"));
        Assert.That(history[^1].ContentHash, Is.EqualTo(history[0].ContentHash));

        var sales = await _session.SignInAsync("sales1");
        await sales.GotoAsync($"/start/{OrderDefinitions.FlowKey}");
        await Expect(sales.Locator("[data-field=customer]")).ToContainTextAsync("客户");
        await Expect(sales.Locator("[data-field=deliveryNote]")).ToHaveCountAsync(0);
    }

    [Test]
    public async Task Form_versions_compare_two_versions()
    {
        var definitions = _session.Get<IDefinitionService>();
        await OrderDefinitions.PublishAsync(definitions, "owner");
        var form = OrderDefinitions.Form();
        form.Fields.Single(field => field.Id == "customer").MaxLength = 80;
        var draft = (await definitions.GetDraftAsync(DefinitionKind.Form, OrderDefinitions.FormKey, default))!;
        await definitions.SaveDraftAsync(DefinitionKind.Form, OrderDefinitions.FormKey, DefinitionJson.Serialize(form),
            draft.Revision, "owner", default);
        await definitions.PublishAsync(DefinitionKind.Form, OrderDefinitions.FormKey, "owner", null, default);

        var owner = await _session.SignInAsync("owner");
        await owner.GotoAsync($"/design/forms/{OrderDefinitions.FormKey}");
        await owner.GetByRole(AriaRole.Tab, new() { Name = "版本" }).ClickAsync();
        await owner.GetByTestId("compare-go").ClickAsync();

        await owner.WaitForURLAsync($"**/design/forms/{OrderDefinitions.FormKey}/diff?from=1&to=2");
        var customer = owner.Locator("[data-testid=field-changed][data-field=customer]");
        await Expect(customer).ToContainTextAsync("客户 (customer)");
        var maxLength = customer.Locator("[data-testid=value-change][data-path=maxLength]");
        await Expect(maxLength.GetByTestId("value-before")).ToHaveTextAsync("60");
        await Expect(maxLength.GetByTestId("value-after")).ToHaveTextAsync("80");
    }

    private static async Task PublishFlowAsync(IDefinitionService definitions, WorkflowKit.Definitions.Flows.FlowDefinition flow)
    {
        var draft = (await definitions.GetDraftAsync(DefinitionKind.Flow, flow.Key, default))!;
        await definitions.SaveDraftAsync(DefinitionKind.Flow, flow.Key, DefinitionJson.Serialize(flow), draft.Revision,
            "owner", default);
        var result = await definitions.PublishAsync(DefinitionKind.Flow, flow.Key, "owner", null, default);
        Assert.That(result.Published, Is.True, "flow version 2 published");
    }
}
