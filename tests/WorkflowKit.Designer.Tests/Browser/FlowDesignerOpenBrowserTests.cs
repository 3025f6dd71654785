using System.Text.Json;
using WorkflowKit.Definitions.Json;
using WorkflowKit.Designer.Services;
using WorkflowKit.Designer.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace WorkflowKit.Designer.Tests.Browser;

/// <summary>
/// Opening a flow of 100 nodes in the flow designer: the canvas says that it is drawing until the nodes are laid out,
/// then shows every node with every edge attached, and the circuit exchanges a bounded number of messages rather than
/// a few per node.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class FlowDesignerOpenBrowserTests
{
    private const int NodeCount = 100;

    // Records whether the canvas's loading notice was in the page before the first node and whether it was still
    // there once the first node was drawn.
    private const string WatchLoading = """
        (() => {
            const seen = { loadingBeforeNodes: false, loadingWithFirstNode: null };
            window.__wkLoading = seen;
            new MutationObserver(() => {
                const loading = document.querySelector('[data-testid=canvas-loading]') !== null;
                const nodes = document.querySelector('.wk-canvas .wk-node') !== null;
                if (loading && !nodes) seen.loadingBeforeNodes = true;
                if (nodes && seen.loadingWithFirstNode === null) seen.loadingWithFirstNode = loading;
            }).observe(document, { childList: true, subtree: true });
        })();
        """;

    private BrowserSession _session = default!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _session = await BrowserSession.StartAsync(DesignerAppFactory.RepositoryTemplates());
        await _session.Get<IDefinitionService>().SaveDraftAsync(DefinitionKind.Flow, LargeFlowDefinitions.FlowKey,
            DefinitionJson.Serialize(LargeFlowDefinitions.Flow(NodeCount)), null, "owner", default);
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
    public async Task Large_flow_shows_loading_then_attached_nodes()
    {
        var owner = await _session.SignInAsync("owner");
        await owner.SetViewportSizeAsync(1400, 1000);
        await owner.Context.AddInitScriptAsync(WatchLoading);

        await owner.GotoAsync($"/design/flows/{LargeFlowDefinitions.FlowKey}");

        var canvas = owner.Locator(".wk-canvas");
        await Expect(canvas.Locator(".wk-node")).ToHaveCountAsync(NodeCount);
        await Expect(owner.GetByTestId("canvas-loading")).ToHaveCountAsync(0);
        var seen = await owner.EvaluateAsync<JsonElement>("() => window.__wkLoading");
        Assert.That(seen.GetProperty("loadingBeforeNodes").GetBoolean(), Is.True, "loading notice before the nodes");
        Assert.That(seen.GetProperty("loadingWithFirstNode").GetBoolean(), Is.True,
            "loading notice while the nodes are measured");

        var measured = await CanvasMeasurement.MeasureAsync(owner);
        await _session.ScreenshotAsync(owner, "66-designer-100-nodes-open");
        CanvasMeasurement.AssertEdgesAttached(measured, LargeFlowDefinitions.Flow(NodeCount));
    }

    [Test]
    public async Task Large_flow_open_sends_few_messages()
    {
        var owner = await _session.SignInAsync("owner");
        await owner.SetViewportSizeAsync(1400, 1000);
        var frames = 0;
        owner.WebSocket += (_, socket) =>
        {
            socket.FrameSent += (_, _) => Interlocked.Increment(ref frames);
            socket.FrameReceived += (_, _) => Interlocked.Increment(ref frames);
        };

        await owner.GotoAsync($"/design/flows/{LargeFlowDefinitions.FlowKey}");
        await Expect(owner.Locator(".wk-canvas .wk-node")).ToHaveCountAsync(NodeCount);
        await Expect(owner.GetByTestId("canvas-loading")).ToHaveCountAsync(0);
        await Expect(owner.GetByTestId("diagnostics-checking")).ToHaveCountAsync(0);
        await CanvasMeasurement.MeasureAsync(owner);

        // Blazor.Diagrams on its own measures each node and each port with its own interop call, several messages
        // per node; the canvas measures them all in one.
        Assert.That(Volatile.Read(ref frames), Is.LessThan(NodeCount), "WebSocket frames while the flow opened");
    }
}
