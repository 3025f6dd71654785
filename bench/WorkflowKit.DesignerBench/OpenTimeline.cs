using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;

namespace WorkflowKit.DesignerBench;

/// <summary>
/// Times at which the page's HTML was loaded and its flow canvas appeared, got its first node, all its nodes and all its edges, in milliseconds after the
/// navigation started (the page's <c>performance.now()</c>), and the time of its last DOM change.
/// </summary>
public sealed record OpenTimeline(
    double PageLoaded, double Canvas, double FirstNode, double AllNodes, double AllEdges, double Settled, int Frames)
{
    /// <summary>
    /// A script for <see cref="IBrowserContext.AddInitScriptAsync"/>: on each animation frame after a DOM change it
    /// counts the canvas's nodes and drawn edges, so each time below is when a frame first showed that state.
    /// </summary>
    public const string InitScript = """
        (() => {
            const state = { canvas: null, firstNode: null, nodes: 0, edges: 0, nodeTimes: {}, edgeTimes: {}, lastChange: null };
            window.__wkOpen = state;
            let scheduled = false;
            const count = () => {
                scheduled = false;
                const canvas = document.querySelector('.wk-canvas');
                if (!canvas) return;
                const now = performance.now();
                if (state.canvas === null) state.canvas = now;
                const nodes = canvas.querySelectorAll('.wk-node').length;
                const edges = new Set([...canvas.querySelectorAll('.diagram-link')]
                    .filter(link => link.querySelector('path[d]:not([d=""])'))
                    .map(link => link.dataset.linkId)).size;
                if (nodes > 0 && state.firstNode === null) state.firstNode = now;
                if (!(nodes in state.nodeTimes)) state.nodeTimes[nodes] = now;
                if (!(edges in state.edgeTimes)) state.edgeTimes[edges] = now;
                state.nodes = nodes;
                state.edges = edges;
            };
            new MutationObserver(records => {
                const inCanvas = records.some(record => {
                    const element = record.target.nodeType === 1 ? record.target : record.target.parentElement;
                    return element && element.closest && element.closest('.wk-canvas');
                });
                if (inCanvas) state.lastChange = performance.now();
                if (!scheduled) {
                    scheduled = true;
                    requestAnimationFrame(count);
                }
            }).observe(document, { childList: true, subtree: true, attributes: true, characterData: true });
        })();
        """;

    /// <summary>
    /// Waits until the canvas shows <paramref name="nodes"/> nodes and <paramref name="edges"/> edges and nothing in
    /// it has changed for <paramref name="quiet"/>, then reads the times.
    /// </summary>
    /// <exception cref="TimeoutException">The canvas did not reach that state within <paramref name="timeout"/>.</exception>
    public static async Task<OpenTimeline> WaitAsync(
        IPage page, int nodes, int edges, TimeSpan quiet, TimeSpan timeout, Func<int> frames)
    {
        var elapsed = Stopwatch.StartNew();
        while (true)
        {
            var state = await page.EvaluateAsync<JsonElement>(
                """
                () => ({
                    ...window.__wkOpen,
                    now: performance.now(),
                    loaded: performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd,
                })
                """);
            var complete = state.GetProperty("nodes").GetInt32() >= nodes && state.GetProperty("edges").GetInt32() >= edges;
            if (complete && state.GetProperty("lastChange").ValueKind == JsonValueKind.Number
                && state.GetProperty("now").GetDouble() - state.GetProperty("lastChange").GetDouble() >= quiet.TotalMilliseconds)
            {
                return new OpenTimeline(
                    state.GetProperty("loaded").GetDouble(),
                    state.GetProperty("canvas").GetDouble(),
                    state.GetProperty("firstNode").GetDouble(),
                    FirstAtLeast(state.GetProperty("nodeTimes"), nodes),
                    FirstAtLeast(state.GetProperty("edgeTimes"), edges),
                    state.GetProperty("lastChange").GetDouble(),
                    frames());
            }

            if (elapsed.Elapsed > timeout)
            {
                throw new TimeoutException(
                    $"The canvas at {page.Url} showed {state.GetProperty("nodes")} of {nodes} nodes and " +
                    $"{state.GetProperty("edges")} of {edges} edges after {timeout.TotalSeconds} s.");
            }

            await page.WaitForTimeoutAsync(100);
        }
    }

    // The first time a frame showed at least the given count. Playwright adds a "$id" entry to each object it returns.
    private static double FirstAtLeast(JsonElement times, int count) =>
        times.EnumerateObject()
            .Where(entry => int.TryParse(entry.Name, CultureInfo.InvariantCulture, out var shown) && shown >= count)
            .Min(entry => entry.Value.GetDouble());
}
