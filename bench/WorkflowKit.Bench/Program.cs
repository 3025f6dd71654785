using WorkflowKit.Bench;
using WorkflowKit.Bench.Conditions;
using WorkflowKit.Bench.Files;
using WorkflowKit.Bench.Forms;
using WorkflowKit.Bench.Http;
using WorkflowKit.Bench.Memory;
using WorkflowKit.Bench.Peer;
using WorkflowKit.Bench.RecordChecks;
using WorkflowKit.Bench.Scale;
using WorkflowKit.Bench.Throughput;

var options = BenchOptions.Parse(args);
var plan = options.Soak is { } soak ? BenchPlan.For(options.Quick) with { Soak = soak } : BenchPlan.For(options.Quick);
Directory.CreateDirectory(options.WorkDirectory);
var report = new BenchReport();
var machine = MachineInfo.Describe(options, TimeProvider.System);
Console.WriteLine(
    $"WorkflowKit benchmarks ({machine["mode"]}), {machine["cores"]} cores, SQLite synchronous={machine["sqliteSynchronous"]}, " +
    $"load average {machine["loadAverageAtStart"]}");

var run = System.Diagnostics.Stopwatch.StartNew();
await SectionAsync("ceiling", async () =>
{
    var ceiling = await CeilingBenchmark.MeasureCommitsPerSecondAsync(
        options.WorkDirectory, plan.Ceiling, options.SqliteSynchronous);
    report.Add("ceiling.sqlite.commitsPerSecond", ceiling, "commits/s");
});
await SectionAsync("flow", () => FlowSection.RunAsync(options, plan, report));
await SectionAsync("peer", () => PeerSection.RunAsync(options, plan, report));
await SectionAsync("conditions", () =>
{
    ConditionSection.Run(plan, report);
    return Task.CompletedTask;
});
await SectionAsync("forms", () => FormSection.RunAsync(options, plan, report));
await SectionAsync("recordcheck", () => RecordCheckSection.RunAsync(options, plan, report));
await SectionAsync("filelinks", () => FileLinkSection.RunAsync(options, plan, report));
await SectionAsync("scale", () => ScaleSection.RunAsync(options, plan, report));
await SectionAsync("http", () => HttpSection.RunAsync(options, plan, report));
await SectionAsync("soak", () => SoakSection.RunAsync(options, plan, report));
await SectionAsync("postgres", () => PostgresSection.RunAsync(options, plan, report));
report.Add("run.wallSeconds", run.Elapsed.TotalSeconds, "s", Target.Maximum(options.Quick ? 60 : 15 * 60));

machine["loadAverageAtEnd"] = MachineInfo.LoadAverage();
if (options.JsonPath is { } jsonPath)
{
    await report.WriteAsync(jsonPath, machine);
    Console.WriteLine($"Wrote {jsonPath}");
}

return 0;

// Runs a section when selected and reports its wall time, so a long full run shows where the time went.
async Task SectionAsync(string section, Func<Task> body)
{
    if (!options.Runs(section))
    {
        return;
    }

    var watch = System.Diagnostics.Stopwatch.StartNew();
    await body();
    report.Add($"time.{section}", watch.Elapsed.TotalSeconds, "s");
}
