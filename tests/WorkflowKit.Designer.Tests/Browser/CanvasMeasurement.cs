using System.Text.Json;
using Microsoft.Playwright;
using WorkflowKit.Definitions.Flows;

namespace WorkflowKit.Designer.Tests.Browser;

/// <summary>
/// Screen boxes of a flow canvas and its nodes, and the screen points where each edge path starts and ends, as the
/// browser draws them.
/// </summary>
public sealed record CanvasMeasurement(
    CanvasMeasurement.ScreenBox Canvas, double Zoom, Dictionary<string, CanvasMeasurement.ScreenBox> Nodes,
    Dictionary<string, CanvasMeasurement.ScreenLine> Links)
{
    // An edge ends at its target's port, minus the arrow head drawn in front of it (10 units at zoom 1).
    private const double ArrowPixels = 10;

    public bool Inside(string nodeId)
    {
        var node = Nodes[nodeId];
        return node.Left >= Canvas.Left && node.Top >= Canvas.Top && node.Right <= Canvas.Right
               && node.Bottom <= Canvas.Bottom;
    }

    // Each edge must start on the middle of its source's right side and end at the middle of its target's left side,
    // in front of the arrow head.
    public static void AssertEdgesAttached(CanvasMeasurement measured, FlowDefinition flow)
    {
        const double Tolerance = 1.5;
        var arrow = ArrowPixels * measured.Zoom;
        var detached = new List<string>();
        foreach (var edge in flow.Edges)
        {
            if (!measured.Links.TryGetValue(edge.Id, out var link))
            {
                detached.Add($"{edge.Id}: not drawn");
                continue;
            }

            var source = measured.Nodes[edge.From];
            var target = measured.Nodes[edge.To];
            var startGap = Math.Max(Math.Abs(link.X1 - source.Right), Math.Abs(link.Y1 - source.MiddleY));
            var endGap = Math.Max(
                Math.Max(link.X2 - target.Left, target.Left - arrow - link.X2),
                Math.Abs(link.Y2 - target.MiddleY));
            if (startGap > Tolerance || endGap > Tolerance)
            {
                detached.Add($"{edge.Id}: starts {startGap:0.#} px from the right middle of {edge.From}, " +
                             $"ends {endGap:0.#} px from the left middle of {edge.To}");
            }
        }

        Assert.That(measured.Links, Has.Count.EqualTo(flow.Edges.Count), "edges drawn");
        Assert.That(detached, Is.Empty, "edge ends away from their nodes");
    }

    /// <summary>
    /// Measures the canvas once its nodes and links stop moving: two readings 100 ms apart must agree, within 3 s.
    /// A reading taken while the page is still drawing (a node's width settling after its text renders, before its
    /// links follow) would report links as detached that the next render attaches. A link that stays detached still
    /// fails the assertions.
    /// </summary>
    public static async Task<CanvasMeasurement> MeasureAsync(IPage page)
    {
        var json = await ReadAsync(page);
        for (var reading = 0; reading < 30; reading++)
        {
            await page.WaitForTimeoutAsync(100);
            var next = await ReadAsync(page);
            if (next == json)
            {
                break;
            }

            json = next;
        }

        return JsonSerializer.Deserialize<CanvasMeasurement>(json, JsonSerializerOptions.Web)!;
    }

    /// <summary>
    /// Every edge whose drawn path passes through a node other than its own two, as "edge: from -> to crosses node".
    /// The path is sampled every 2 units of its length. A node's box is shrunk by 2 pixels so that the ends of the
    /// edges at the ports do not count.
    /// </summary>
    public static async Task<List<string>> CrossingsAsync(IPage page, FlowDefinition flow)
    {
        var json = await page.EvaluateAsync<string>("""
            () => {
                const canvas = document.querySelector('.wk-canvas');
                const nodes = [...canvas.querySelectorAll('.wk-node')]
                    .map(node => ({ id: node.dataset.nodeId, rect: node.getBoundingClientRect() }));
                const hits = [];
                for (const link of canvas.querySelectorAll('.diagram-link')) {
                    const path = link.querySelector('path');
                    const matrix = path.getScreenCTM();
                    const length = path.getTotalLength();
                    const crossed = new Set();
                    for (let at = 0; at <= length; at += 2) {
                        const point = path.getPointAtLength(at).matrixTransform(matrix);
                        for (const node of nodes) {
                            const r = node.rect;
                            if (point.x > r.left + 2 && point.x < r.right - 2 && point.y > r.top + 2 && point.y < r.bottom - 2) {
                                crossed.add(node.id);
                            }
                        }
                    }
                    for (const node of crossed) {
                        hits.push({ link: link.dataset.linkId, node });
                    }
                }
                return JSON.stringify(hits);
            }
            """);
        var hits = JsonSerializer.Deserialize<List<LinkHit>>(json, JsonSerializerOptions.Web)!;
        var edges = flow.Edges.ToDictionary(edge => edge.Id, StringComparer.Ordinal);
        return
        [
            .. hits
                .Where(hit => !edges.TryGetValue(hit.Link, out var edge) || (edge.From != hit.Node && edge.To != hit.Node))
                .Select(hit => edges.TryGetValue(hit.Link, out var edge)
                    ? $"{hit.Link}: {edge.From} -> {edge.To} crosses {hit.Node}"
                    : $"{hit.Link} crosses {hit.Node}"),
        ];
    }

    // Screen boxes of the canvas and its nodes, and the screen points where each edge path starts and ends.
    private static Task<string> ReadAsync(IPage page) =>
        page.EvaluateAsync<string>("""
            () => {
                const canvas = document.querySelector('.wk-canvas');
                const box = rect => ({ left: rect.left, top: rect.top, right: rect.right, bottom: rect.bottom });
                const nodes = {};
                let zoom = 1;
                for (const node of canvas.querySelectorAll('.wk-node')) {
                    const rect = node.getBoundingClientRect();
                    zoom = rect.width / node.offsetWidth;
                    const sizes = ['.wk-node-type', '.wk-node-name']
                        .map(selector => parseFloat(getComputedStyle(node.querySelector(selector)).fontSize));
                    nodes[node.dataset.nodeId] = { ...box(rect), textPixels: Math.min(...sizes) * zoom };
                }
                const links = {};
                for (const link of canvas.querySelectorAll('.diagram-link')) {
                    const path = link.querySelector('path');
                    const matrix = path.getScreenCTM();
                    const start = path.getPointAtLength(0).matrixTransform(matrix);
                    const end = path.getPointAtLength(path.getTotalLength()).matrixTransform(matrix);
                    links[link.dataset.linkId] = { x1: start.x, y1: start.y, x2: end.x, y2: end.y };
                }
                return JSON.stringify({ canvas: box(canvas.getBoundingClientRect()), zoom, nodes, links });
            }
            """);

    public sealed record ScreenBox(double Left, double Top, double Right, double Bottom, double TextPixels)
    {
        public double MiddleY => (Top + Bottom) / 2;
    }

    public sealed record ScreenLine(double X1, double Y1, double X2, double Y2);

    private sealed record LinkHit(string Link, string Node);
}
