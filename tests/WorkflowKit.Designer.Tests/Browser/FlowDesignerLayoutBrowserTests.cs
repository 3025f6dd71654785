using System.Text.Json;
using Microsoft.Playwright;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Definitions.Json;
using WorkflowKit.Designer.Services;
using WorkflowKit.Designer.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace WorkflowKit.Designer.Tests.Browser;

/// <summary>
/// The flow designer in a 1400 × 1000 window on the built-in templates: the diagram opens fitted at a readable zoom
/// with every edge attached to its nodes, and the property panel stays inside its column.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class FlowDesignerLayoutBrowserTests
{
    // The smallest node text on screen that the designer promises, in CSS pixels.
    private const double MinTextPixels = 11;

    // MudBlazor puts a text field's data-testid on the textarea itself.
    private const string TextArea = "xpath=descendant-or-self::textarea";

    private BrowserSession _session = default!;

    [OneTimeSetUp]
    public async Task StartAsync() =>
        _session = await BrowserSession.StartAsync(DesignerAppFactory.RepositoryTemplates());

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
    public async Task Large_flow_opens_readable_and_attached()
    {
        var owner = await OpenAsync("order-to-shipment");
        var flow = TemplateFlow("order-to-shipment");

        var open = await CanvasMeasurement.MeasureAsync(owner);
        await _session.ScreenshotAsync(owner, "62-designer-large-flow-open");

        AssertReadable(open);
        CanvasMeasurement.AssertEdgesAttached(open, flow);
        Assert.That(open.Inside("start"), Is.True, "the start node is inside the canvas");
        await Expect(owner.GetByTestId("canvas-pan-hint")).ToBeVisibleAsync();

        await owner.Locator("button[aria-label='适应屏幕']").ClickAsync();
        await owner.WaitForTimeoutAsync(500);
        var fitted = await CanvasMeasurement.MeasureAsync(owner);
        AssertReadable(fitted);
        CanvasMeasurement.AssertEdgesAttached(fitted, flow);
    }

    [Test]
    public async Task Small_flow_opens_whole_and_attached()
    {
        var definitions = _session.Get<IDefinitionService>();
        await definitions.SaveDraftAsync(DefinitionKind.Form, OrderDefinitions.FormKey,
            DefinitionJson.Serialize(OrderDefinitions.Form()), null, "owner", default);
        await definitions.SaveDraftAsync(DefinitionKind.Flow, OrderDefinitions.FlowKey,
            DefinitionJson.Serialize(OrderDefinitions.Flow()), null, "owner", default);

        var owner = await OpenAsync(OrderDefinitions.FlowKey);
        var measured = await CanvasMeasurement.MeasureAsync(owner);
        await _session.ScreenshotAsync(owner, "63-designer-small-flow-open");

        AssertReadable(measured);
        CanvasMeasurement.AssertEdgesAttached(measured, OrderDefinitions.Flow());
        Assert.That(measured.Nodes.Keys.Where(id => !measured.Inside(id)), Is.Empty, "nodes outside the canvas");
        await Expect(owner.GetByTestId("canvas-pan-hint")).ToHaveCountAsync(0);
    }

    [Test]
    public async Task Condition_panel_stays_inside_its_column()
    {
        var owner = await OpenAsync("order-to-shipment");
        await owner.Locator(".wk-node[data-node-id=creditRoute]").ClickAsync();
        var panel = owner.Locator("[data-testid=node-panel][data-node-id=creditRoute]");
        var firstBranch = panel.GetByTestId("branch").First;

        // The first branch has a rule, so its rows are drawn once that one shows; counting earlier may find none.
        await Expect(firstBranch.GetByTestId("rule-row").First).ToBeVisibleAsync();
        var rows = await firstBranch.GetByTestId("rule-row").CountAsync();

        await firstBranch.GetByTestId("rule-add-group").ClickAsync();
        await Expect(firstBranch.GetByTestId("rule-row")).ToHaveCountAsync(rows + 1);
        await owner.WaitForTimeoutAsync(300);
        await _session.ScreenshotAsync(owner, "64-designer-condition-or-group");

        var overflow = await panel.EvaluateAsync<JsonElement>("""
            panel => {
                const column = panel.parentElement;
                const box = column.getBoundingClientRect();
                // A button's click ripple is a passing animation that its button clips, so it is left out.
                const outside = [...panel.querySelectorAll('*')]
                    .filter(element => !element.classList.contains('mud-ripple-effect'))
                    .map(element => ({ element, rect: element.getBoundingClientRect() }))
                    .filter(({ rect }) => rect.width > 0 && rect.height > 0
                        && (rect.left < box.left - 1 || rect.right > box.right + 1))
                    .map(({ element }) => element.tagName + '.' + element.className);
                return { scrollWidth: column.scrollWidth, clientWidth: column.clientWidth, outside };
            }
            """);
        Assert.That(overflow.GetProperty("scrollWidth").GetInt32(),
            Is.LessThanOrEqualTo(overflow.GetProperty("clientWidth").GetInt32()), "panel scroll width");
        Assert.That(overflow.GetProperty("outside").EnumerateArray().Select(item => item.GetString()), Is.Empty,
            "elements drawn outside the panel");
    }

    [Test]
    public async Task Flow_publish_stores_the_comment()
    {
        var definitions = _session.Get<IDefinitionService>();
        var draft = (await definitions.GetDraftAsync(DefinitionKind.Flow, "replenishment-watch", default))!;
        var flow = DefinitionJson.Deserialize<FlowDefinition>(draft.Json);
        flow.Name.Values["zh-CN"] = "补货预警（每日）";
        await definitions.SaveDraftAsync(DefinitionKind.Flow, flow.Key, DefinitionJson.Serialize(flow),
            draft.Revision, "owner", default);
        var before = (await definitions.GetHistoryAsync(DefinitionKind.Flow, flow.Key, default)).Count;
        var owner = await OpenAsync(flow.Key);

        await owner.GetByTestId("publish").ClickAsync();
        await Expect(owner.GetByTestId("publish-dialog-title")).ToHaveTextAsync("发布“补货预警（每日）”");
        await owner.GetByTestId("publish-cancel").ClickAsync();
        await Expect(owner.GetByTestId("publish-dialog-title")).ToHaveCountAsync(0);
        var afterCancel = await definitions.GetHistoryAsync(DefinitionKind.Flow, flow.Key, default);
        Assert.That(afterCancel, Has.Count.EqualTo(before), "versions after cancel");

        await owner.GetByTestId("publish").ClickAsync();
        await owner.GetByTestId("publish-comment").Locator(TextArea).FillAsync("名称注明每日运行");
        await _session.ScreenshotAsync(owner, "65-designer-publish-dialog");
        await owner.GetByTestId("publish-confirm").ClickAsync();

        await Expect(owner.GetByTestId("published-version")).ToContainTextAsync($"v{before + 1}");
        await Expect(owner.GetByTestId("versions")).ToContainTextAsync("名称注明每日运行");
        var history = await definitions.GetHistoryAsync(DefinitionKind.Flow, flow.Key, default);
        Assert.That(history[^1].Comment, Is.EqualTo("名称注明每日运行"));
    }

    private async Task<IPage> OpenAsync(string flowKey)
    {
        var owner = await _session.SignInAsync("owner");
        await owner.SetViewportSizeAsync(1400, 1000);
        await owner.GotoAsync($"/design/flows/{flowKey}");
        await Expect(owner.Locator(".wk-canvas .wk-node").First).ToBeVisibleAsync();
        await owner.WaitForTimeoutAsync(1000);
        return owner;
    }

    private static FlowDefinition TemplateFlow(string key)
    {
        var path = Path.Combine(DesignerAppFactory.RepositoryTemplates(), "biopharma", "flows", key + ".flow.json");
        return DefinitionJson.Deserialize<FlowDefinition>(File.ReadAllText(path));
    }

    private static void AssertReadable(CanvasMeasurement measured)
    {
        var smallest = measured.Nodes.MinBy(pair => pair.Value.TextPixels);
        Assert.That(smallest.Value.TextPixels, Is.GreaterThanOrEqualTo(MinTextPixels),
            $"smallest node text, of node {smallest.Key}, in CSS pixels");
    }
}
