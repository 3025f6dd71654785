using WorkflowKit.Bench;
using WorkflowKit.Bench.Conditions;
using WorkflowKit.Bench.Forms;
using WorkflowKit.Bench.Http;
using WorkflowKit.Bench.Memory;
using WorkflowKit.Bench.Peer;
using WorkflowKit.Bench.Scale;
using WorkflowKit.Bench.Throughput;

var options = BenchOptions.Parse(args);
var plan = BenchPlan.For(options.Quick);
Directory.CreateDirectory(options.WorkDirectory);
var report = new BenchReport();
var machine = MachineInfo.Describe(options, TimeProvider.System);
Console.WriteLine(
    $"WorkflowKit benchmarks ({machine["mode"]}), {machine["cores"]} cores, load average {machine["loadAverageAtStart"]}");

if (options.Runs("ceiling"))
{
    var ceiling = await CeilingBenchmark.MeasureCommitsPerSecondAsync(options.WorkDirectory, plan.Ceiling);
    report.Add("ceiling.sqlite.commitsPerSecond", ceiling, "commits/s");
}

if (options.Runs("flow"))
{
    await FlowSection.RunAsync(options, plan, report);
}

if (options.Runs("peer"))
{
    await PeerSection.RunAsync(options, plan, report);
}

if (options.Runs("conditions"))
{
    ConditionSection.Run(plan, report);
}

if (options.Runs("forms"))
{
    await FormSection.RunAsync(options, plan, report);
}

if (options.Runs("scale"))
{
    await ScaleSection.RunAsync(options, plan, report);
}

if (options.Runs("http"))
{
    await HttpSection.RunAsync(options, plan, report);
}

if (options.Runs("soak"))
{
    await SoakSection.RunAsync(options, plan, report);
}

if (options.Runs("postgres"))
{
    await PostgresSection.RunAsync(options, plan, report);
}

machine["loadAverageAtEnd"] = MachineInfo.LoadAverage();
if (options.JsonPath is { } jsonPath)
{
    await report.WriteAsync(jsonPath, machine);
    Console.WriteLine($"Wrote {jsonPath}");
}

return 0;
