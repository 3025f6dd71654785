using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Definitions.Json;
using WorkflowKit.Designer.Hosting;
using WorkflowKit.Designer.Services;

namespace WorkflowKit.DesignerBench;

/// <summary>
/// Times the flow designer opening the largest template flow and a generated one in Chromium: from navigation to the
/// canvas, its first node, all nodes and all edges drawn, with the WebSocket frames of the open, then the server's
/// draft read and validator run. Chromium is WORKFLOWKIT_CHROMIUM or /usr/bin/chromium, launched and never downloaded.
/// </summary>
internal static class DesignerOpenBench
{
    public static async Task<int> Main(string[] args)
    {
        var runs = 5;
        var nodeCount = 100;
        var workDirectory = Path.Combine(Path.GetTempPath(), "workflowkit-bench");
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--runs" when i + 1 < args.Length:
                    runs = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--nodes" when i + 1 < args.Length:
                    nodeCount = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--work-dir" when i + 1 < args.Length:
                    workDirectory = args[++i];
                    break;
                default:
                    Console.Error.WriteLine($"Unknown option '{args[i]}'. Options: --runs N (5), --nodes N (100), --work-dir DIR.");
                    return 2;
            }
        }

        var chromium = Environment.GetEnvironmentVariable("WORKFLOWKIT_CHROMIUM") is { Length: > 0 } configured
            ? configured
            : "/usr/bin/chromium";
        if (!File.Exists(chromium))
        {
            Console.Error.WriteLine($"Chromium not found at '{chromium}'. Install it with 'apt-get install -y chromium' " +
                                    "or set WORKFLOWKIT_CHROMIUM to its path.");
            return 1;
        }

        await using var host = new DesignerHost(workDirectory);
        host.StartServer();
        var generated = GeneratedFlow.Create(nodeCount);
        await host.Services.GetRequiredService<IDefinitionService>().SaveDraftAsync(
            DefinitionKind.Flow, GeneratedFlow.Key, DefinitionJson.Serialize(generated), null, "owner", default);
        var template = DefinitionJson.Deserialize<FlowDefinition>(await File.ReadAllTextAsync(
            Path.Combine(host.Templates, "biopharma", "flows", "order-to-shipment.flow.json")));

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run",
            ],
        });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = host.RootUri.ToString(),
            ViewportSize = new ViewportSize { Width = 1400, Height = 1000 },
            Locale = "zh-CN",
        });
        await context.AddInitScriptAsync(OpenTimeline.InitScript);
        var signIn = await context.NewPageAsync();
        await signIn.GotoAsync("/login");
        await signIn.FillAsync("#userName", "owner");
        await signIn.FillAsync("#password", DemoAccounts.Password);
        await signIn.ClickAsync("#sign-in");
        await signIn.WaitForSelectorAsync("#current-user");
        await signIn.CloseAsync();

        var flows = new[]
        {
            (Key: template.Key, Nodes: template.Nodes.Count, Edges: template.Edges.Count),
            (Key: generated.Key, Nodes: generated.Nodes.Count, Edges: generated.Edges.Count),
        };
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, load average {LoadAverage()}");

        // One untimed open of each flow first, so that neither the server's nor the browser's first-use costs count.
        foreach (var flow in flows)
        {
            await OpenAsync(flow.Key, flow.Nodes, flow.Edges);
        }

        foreach (var flow in flows)
        {
            var timelines = new List<OpenTimeline>();
            for (var run = 0; run < runs; run++)
            {
                timelines.Add(await OpenAsync(flow.Key, flow.Nodes, flow.Edges));
            }

            Console.WriteLine($"{flow.Key} ({flow.Nodes} nodes, {flow.Edges} edges), {runs} opens, median (min to max):");
            Report("HTML loaded", timelines.Select(timeline => timeline.PageLoaded), "ms");
            Report("canvas shown", timelines.Select(timeline => timeline.Canvas), "ms");
            Report("first node drawn", timelines.Select(timeline => timeline.FirstNode), "ms");
            Report("all nodes drawn", timelines.Select(timeline => timeline.AllNodes), "ms");
            Report("all edges drawn", timelines.Select(timeline => timeline.AllEdges), "ms");
            Report("last canvas change", timelines.Select(timeline => timeline.Settled), "ms");
            Report("WebSocket frames", timelines.Select(timeline => (double)timeline.Frames), "frames");
        }

        // The server's part of an open that does not need the browser: reading the draft and running the validator,
        // which the designer runs on each open and after each edit.
        var definitions = host.Services.GetRequiredService<IDefinitionService>();
        foreach (var flow in flows)
        {
            var parse = new List<double>();
            var validate = new List<double>();
            for (var run = 0; run < runs + 1; run++)
            {
                var started = Stopwatch.GetTimestamp();
                var draft = await definitions.GetDraftAsync(DefinitionKind.Flow, flow.Key, default);
                var parsed = DefinitionJson.Deserialize<FlowDefinition>(draft!.Json);
                var read = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                started = Stopwatch.GetTimestamp();
                await definitions.ValidateAsync(DefinitionKind.Flow, DefinitionJson.Serialize(parsed), default);
                var validated = Stopwatch.GetElapsedTime(started).TotalMilliseconds;

                // The first run warms up and is not counted.
                if (run > 0)
                {
                    parse.Add(read);
                    validate.Add(validated);
                }
            }

            Console.WriteLine($"{flow.Key} on the server, {runs} runs, median (min to max):");
            Report("read draft", parse, "ms");
            Report("validate", validate, "ms");
        }

        Console.WriteLine($"load average at the end {LoadAverage()}");
        return 0;

        async Task<OpenTimeline> OpenAsync(string key, int nodes, int edges)
        {
            var page = await context.NewPageAsync();
            var frames = 0;
            page.WebSocket += (_, socket) =>
            {
                socket.FrameSent += (_, _) => Interlocked.Increment(ref frames);
                socket.FrameReceived += (_, _) => Interlocked.Increment(ref frames);
            };
            try
            {
                await page.GotoAsync($"/design/flows/{key}");
                return await OpenTimeline.WaitAsync(page, nodes, edges, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(90),
                    () => Volatile.Read(ref frames));
            }
            finally
            {
                await page.CloseAsync();
            }
        }

        static void Report(string name, IEnumerable<double> values, string unit)
        {
            var sorted = values.Order().ToList();
            var median = sorted.Count % 2 == 1
                ? sorted[sorted.Count / 2]
                : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {name,-20} {median,8:0} {unit} ({sorted[0]:0} to {sorted[^1]:0})"));
        }

        static string LoadAverage() =>
            File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
    }
}
