using System.Globalization;
using System.Text.Json.Nodes;
using WorkflowKit.Bench;
using WorkflowKit.Bench.Peer;

var options = BenchOptions.Parse(args);
Directory.CreateDirectory(options.WorkDirectory);
var report = new BenchReport();
var machine = new JsonObject
{
    ["cores"] = Environment.ProcessorCount,
    ["memoryBytes"] = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes,
    ["os"] = System.Runtime.InteropServices.RuntimeInformation.OSDescription,
    ["runtime"] = System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription,
    ["date"] = TimeProvider.System.GetUtcNow().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
    ["mode"] = options.Quick ? "quick" : "full",
};
Console.WriteLine($"WorkflowKit benchmarks ({machine["mode"]}), {machine["cores"]} cores, {machine["os"]}");

var ceilingDuration = options.Quick ? TimeSpan.FromSeconds(2) : TimeSpan.FromSeconds(10);
var ceiling = await CeilingBenchmark.MeasureCommitsPerSecondAsync(options.WorkDirectory, ceilingDuration);
report.Add("ceiling.sqlite.commitsPerSecond", ceiling, "commits/s");

var peerInstances = options.Quick ? 2_000 : 20_000;
var peer = await WorkflowCoreBenchmark.MeasureAsync(peerInstances);
report.Add("peer.workflowCore.instancesPerSecond", peer, "instances/s");

if (options.JsonPath is { } jsonPath)
{
    await report.WriteAsync(jsonPath, machine);
    Console.WriteLine($"Wrote {jsonPath}");
}

return 0;
