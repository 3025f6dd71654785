using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Definitions.Json;
using WorkflowKit.Designer.Accounts;
using WorkflowKit.Designer.Services;
using WorkflowKit.Designer.Tests.Support;
using WorkflowKit.Records;
using static Microsoft.Playwright.Assertions;

namespace WorkflowKit.Designer.Tests.Browser;

/// <summary>
/// The progress diagram of an order-to-shipment instance, over 30 nodes, on its instance page in a real browser: the labels
/// stay readable, the node the order waits at is in view on open, and the zoom buttons change the scale.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class ProgressDiagramBrowserTests
{
    // The smallest node text on screen that the diagram keeps, in CSS pixels: the 14 px type label at the 0.8 minimum
    // zoom is 11.2 px.
    private const double MinTextPixels = 11;

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
    public async Task Large_flow_readable_with_current_in_view()
    {
        var instanceId = await StartOrderAsync();
        var sales = await _session.SignInAsync("sales1");
        await sales.SetViewportSizeAsync(1400, 1000);

        await sales.GotoAsync($"/instances/{instanceId}");
        var current = sales.Locator(".wk-canvas .wk-node.current");
        await Expect(current.First).ToBeVisibleAsync();
        await sales.WaitForTimeoutAsync(1000);
        var measured = await CanvasMeasurement.MeasureAsync(sales);
        await _session.ScreenshotAsync(sales, "69-progress-large-flow");

        var crossings = await CanvasMeasurement.CrossingsAsync(sales, TemplateFlow());
        var smallest = measured.Nodes.MinBy(pair => pair.Value.TextPixels);
        Assert.That(measured.Nodes, Has.Count.EqualTo(TemplateNodeCount()), "nodes drawn");
        Assert.That(smallest.Value.TextPixels, Is.GreaterThanOrEqualTo(MinTextPixels),
            $"smallest node text, of node {smallest.Key}, in CSS pixels");
        var currentIds = await current.EvaluateAllAsync<string[]>("nodes => nodes.map(node => node.dataset.nodeId)");
        Assert.That(currentIds, Is.Not.Empty);
        Assert.That(currentIds.Where(id => !measured.Inside(id)), Is.Empty, "current nodes outside the box");
        Assert.That(crossings, Is.Empty, "edges drawn through other nodes");
        await Expect(sales.GetByTestId("canvas-pan-hint")).ToBeVisibleAsync();

        await sales.GetByTestId("progress-zoom-out").ClickAsync();
        await sales.WaitForTimeoutAsync(300);
        var zoomedOut = await CanvasMeasurement.MeasureAsync(sales);
        await sales.GetByTestId("progress-fit").ClickAsync();
        await sales.WaitForTimeoutAsync(300);
        var fitted = await CanvasMeasurement.MeasureAsync(sales);

        Assert.That(zoomedOut.Zoom, Is.LessThan(measured.Zoom - 0.05), "zoom after zoom out");
        Assert.That(fitted.Zoom, Is.EqualTo(measured.Zoom).Within(0.01), "zoom after fit");
        Assert.That(currentIds.Where(id => !fitted.Inside(id)), Is.Empty, "current nodes outside the box after fit");
    }

    private static int TemplateNodeCount() => TemplateFlow().Nodes.Count;

    private static FlowDefinition TemplateFlow()
    {
        var path = Path.Combine(DesignerAppFactory.RepositoryTemplates(), "biopharma", "flows", "order-to-shipment.flow.json");
        return DefinitionJson.Deserialize<FlowDefinition>(File.ReadAllText(path));
    }

    // An east order whose product has no stock: the credit check passes and the order waits at "adjust order".
    private async Task<string> StartOrderAsync()
    {
        var records = _session.Get<IRecordStore>();
        var admin = new RecordWriteContext("admin");
        await records.CreateAsync("customer", RecordSeed.Customer("C0001", "east"), admin, default);
        await records.CreateAsync("regional-price", RecordSeed.RegionalPrice("IVD-0001", "east", 11m), admin, default);
        var sales = await StuckOrders.SignInAsync(_session.Get<AccountStore>(), "sales1");
        var order = new JsonObject
        {
            ["customer"] = "C0001",
            ["orderDate"] = RecordSeed.Day(0),
            ["lines"] = new JsonArray(new JsonObject
            {
                ["product"] = "IVD-0001", ["quantity"] = 2, ["unitPrice"] = 11m,
            }),
        };
        var instance = await _session.Get<IWorkService>().StartAsync("order-to-shipment", order, sales, default);
        Assert.That(instance.Id, Does.Match(new Regex("^[0-9a-f]+$")));
        return instance.Id;
    }
}
