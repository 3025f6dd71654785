using Microsoft.Playwright;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Definitions.Json;
using WorkflowKit.Designer.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace WorkflowKit.Designer.Tests.Browser;

/// <summary>
/// Deleting and inserting nodes on the customer credit review canvas in a real browser: a node in the middle of a chain
/// is cut out and its neighbours joined, undo brings it back, deleting a branching node requests confirmation first,
/// and every edge stays attached to its nodes after each change.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class FlowCanvasEditingBrowserTests
{
    private const string FlowKey = "customer-credit-review";

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
    public async Task Delete_key_joins_chain_and_undo_restores()
    {
        var owner = await OpenAsync();
        var canvas = owner.Locator(".wk-canvas");

        await canvas.Locator(".wk-node[data-node-id=requestReviews]").ClickAsync();
        await owner.Keyboard.PressAsync("Delete");

        await Expect(canvas.Locator(".wk-node[data-node-id=requestReviews]")).ToHaveCountAsync(0);
        await Expect(owner.GetByTestId("node-removal-dialog")).ToHaveCountAsync(0);
        var joined = canvas.Locator(".diagram-link[data-link-id=e-sweep]");
        await Expect(joined).ToHaveCountAsync(1);
        await Expect(canvas.Locator(".diagram-link[data-link-id=e-request]")).ToHaveCountAsync(0);
        await owner.WaitForTimeoutAsync(500);
        var measured = await CanvasMeasurement.MeasureAsync(owner);
        var json = await DocumentAsync(owner);
        var edge = json.Edges.Single(candidate => candidate.Id == "e-sweep");
        Assert.That((edge.From, edge.To), Is.EqualTo(("sweep", "notifySweep")));
        Assert.That(json.Edges.Any(candidate => candidate.From == "requestReviews" || candidate.To == "requestReviews"), Is.False);
        CanvasMeasurement.AssertEdgesAttached(measured, json);
        await _session.ScreenshotAsync(owner, "66-designer-delete-joined");

        await owner.GetByTestId("undo").ClickAsync();

        await Expect(canvas.Locator(".wk-node[data-node-id=requestReviews]")).ToHaveCountAsync(1);
        await Expect(canvas.Locator(".diagram-link[data-link-id=e-request]")).ToHaveCountAsync(1);
        await owner.WaitForTimeoutAsync(500);
        var remeasured = await CanvasMeasurement.MeasureAsync(owner);
        var restored = await DocumentAsync(owner);
        Assert.That(restored.Edges.Single(candidate => candidate.Id == "e-sweep").To, Is.EqualTo("requestReviews"));
        Assert.That(restored.Edges.Single(candidate => candidate.Id == "e-request").To, Is.EqualTo("notifySweep"));
        CanvasMeasurement.AssertEdgesAttached(remeasured, restored);
    }

    [Test]
    public async Task Branching_node_delete_asks_first()
    {
        var owner = await OpenAsync();
        var canvas = owner.Locator(".wk-canvas");
        await canvas.Locator(".wk-node[data-node-id=profileRoute]").ClickAsync();

        await owner.GetByTestId("node-delete").ClickAsync();

        var dialog = owner.GetByTestId("node-removal-dialog");
        await Expect(dialog).ToBeVisibleAsync();
        await Expect(owner.GetByTestId("node-removal-title")).ToHaveTextAsync("删除节点“信用画像是否存在（profileRoute）”？");
        await Expect(dialog.GetByTestId("node-removal-edges").Locator("li")).ToHaveCountAsync(3);
        await Expect(dialog.GetByTestId("node-removal-without-outgoing")).ToHaveTextAsync(
            "将没有出口连线的节点：汇总应收与逾期（aggregate）");
        await Expect(dialog.GetByTestId("node-removal-without-incoming")).ToHaveTextAsync(
            "将没有入口连线的节点：更新信用画像（updateProfile）、新建信用画像（createProfile）");
        await _session.ScreenshotAsync(owner, "67-designer-delete-confirm");

        await owner.GetByTestId("node-removal-cancel").ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(canvas.Locator(".wk-node[data-node-id=profileRoute]")).ToHaveCountAsync(1);
        Assert.That((await DocumentAsync(owner)).Edges.Count(edge => edge.From == "profileRoute"), Is.EqualTo(2));

        await canvas.Locator(".wk-node[data-node-id=profileRoute]").ClickAsync();
        await owner.Keyboard.PressAsync("Delete");
        await owner.GetByTestId("node-removal-confirm").ClickAsync();

        await Expect(canvas.Locator(".wk-node[data-node-id=profileRoute]")).ToHaveCountAsync(0);
        var json = await DocumentAsync(owner);
        Assert.That(json.Edges.Any(edge => edge.From == "profileRoute" || edge.To == "profileRoute"), Is.False);
        await Expect(owner.GetByTestId("diagnostics")).ToContainTextAsync("WK13");
    }

    [Test]
    public async Task Insert_after_node_draws_every_edge()
    {
        var owner = await OpenAsync();
        var canvas = owner.Locator(".wk-canvas");
        await canvas.Locator(".wk-node[data-node-id=aggregate]").ClickAsync();

        await owner.GetByTestId("palette-approval").ClickAsync();
        await Expect(canvas.Locator(".wk-node[data-node-id=approval1]")).ToHaveCountAsync(1);
        await owner.WaitForTimeoutAsync(800);

        // Measured before the document is read, because opening its tab scrolls the page.
        var measured = await CanvasMeasurement.MeasureAsync(owner);
        var json = await DocumentAsync(owner);
        CanvasMeasurement.AssertEdgesAttached(measured, json);
    }

    [TestCase("page")]
    [TestCase("wheel")]
    [TestCase("pan")]
    public async Task Insert_after_scroll_draws_every_edge(string scroll)
    {
        var owner = await OpenAsync();
        var canvas = owner.Locator(".wk-canvas");
        var box = (await canvas.BoundingBoxAsync())!;
        switch (scroll)
        {
            case "page":
                await owner.EvaluateAsync("() => window.scrollBy(0, 300)");
                break;
            case "wheel":
                await owner.Mouse.MoveAsync(box.X + (box.Width / 2), box.Y + (box.Height / 2));
                await owner.Mouse.WheelAsync(0, 400);
                break;
            default:
                await owner.Mouse.MoveAsync(box.X + 20, box.Y + box.Height - 20);
                await owner.Mouse.DownAsync();
                await owner.Mouse.MoveAsync(box.X + 220, box.Y + box.Height - 140, new() { Steps = 10 });
                await owner.Mouse.UpAsync();
                break;
        }

        await owner.WaitForTimeoutAsync(800);
        await canvas.Locator(".wk-node[data-node-id=aggregate]").ClickAsync();
        await owner.GetByTestId("palette-approval").ClickAsync();
        await Expect(canvas.Locator(".wk-node[data-node-id=approval1]")).ToHaveCountAsync(1);
        await owner.WaitForTimeoutAsync(800);

        var measured = await CanvasMeasurement.MeasureAsync(owner);
        var json = await DocumentAsync(owner);
        CanvasMeasurement.AssertEdgesAttached(measured, json);
    }

    private async Task<IPage> OpenAsync()
    {
        // Each test starts from the template's draft, whatever an earlier test left unsaved.
        var owner = await _session.SignInAsync("owner");
        await owner.SetViewportSizeAsync(1400, 1000);
        await owner.GotoAsync($"/design/flows/{FlowKey}");
        await Expect(owner.Locator(".wk-canvas .wk-node").First).ToBeVisibleAsync();
        await owner.WaitForTimeoutAsync(1000);
        return owner;
    }

    // The draft as the editor contains it, read from the Import / export tab's document view.
    private static async Task<FlowDefinition> DocumentAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Tab, new() { Name = "导入 / 导出" }).ClickAsync();
        const string Find = """
            () => [...document.querySelectorAll('textarea')].map(area => area.value)
                .find(value => value.includes('"kind": "flow"'))
            """;
        await page.WaitForFunctionAsync(Find);
        var json = await page.EvaluateAsync<string>(Find);
        return DefinitionJson.Deserialize<FlowDefinition>(json);
    }
}
