using WorkflowKit.Bench;
using WorkflowKit.Bench.Engine;
using WorkflowKit.Bench.Throughput;

var options = BenchOptions.Parse(args);
Directory.CreateDirectory(options.WorkDirectory);
var report = new BenchReport();
var machine = MachineInfo.Describe(options, TimeProvider.System);
Console.WriteLine($"WorkflowKit benchmarks ({machine["mode"]}), {machine["cores"]} cores, load {machine["loadAverageAtStart"]}");

var ceilingDuration = options.Quick ? TimeSpan.FromSeconds(2) : TimeSpan.FromSeconds(10);
var ceiling = await CeilingBenchmark.MeasureCommitsPerSecondAsync(options.WorkDirectory, ceilingDuration);
report.Add("ceiling.sqlite.commitsPerSecond", ceiling, "commits/s");

foreach (var drivers in args.Contains("--skip-flow") ? [] : new[] { 1, 8 })
{
    await using var bench = await BenchEngine.CreateAsync(options.WorkDirectory, $"flow-{drivers}");
    var result = await new StandardFlowBenchmark(bench).RunAsync(drivers, TimeSpan.FromSeconds(5), 50);
    report.Add($"flow.sqlite.d{drivers}.instancesPerSecond", result.InstancesPerSecond, "instances/s");
    report.Add($"flow.sqlite.d{drivers}.commitsPerInstance", result.CommitsPerInstance, "commits");
    report.Add($"flow.sqlite.d{drivers}.start.p50", result.Start.Percentile(50), "ms");
    report.Add($"flow.sqlite.d{drivers}.start.p99", result.Start.Percentile(99), "ms");
    report.Add($"flow.sqlite.d{drivers}.complete.p50", result.Complete.Percentile(50), "ms");
    report.Add($"flow.sqlite.d{drivers}.complete.p99", result.Complete.Percentile(99), "ms");
    report.Add($"flow.sqlite.d{drivers}.errors", result.Errors, "errors");
    report.Note($"flow.sqlite.d{drivers}.phases", result.Phases.ToJsonString());
}

foreach (var rate in WorkflowKit.Bench.Conditions.ConditionBenchmark.Measure(TimeSpan.FromSeconds(2)))
{
    report.Add($"conditions.{rate.Name}.perCpuSecond", rate.PerCpuSecond, "evals/s", rate.Name == "ruleBuilder" ? Target.Minimum(1_000_000) : null);
    report.Add($"conditions.{rate.Name}.perWallSecond", rate.PerWallSecond, "evals/s");
}

var wide = await WorkflowKit.Bench.Forms.FormValidationBenchmark.MeasureAsync("wide", WorkflowKit.Bench.Forms.BenchForms.Wide(500), WorkflowKit.Bench.Forms.BenchForms.WideData(500), TimeSpan.FromSeconds(2), options.WorkDirectory);
report.Add("forms.fields500.p50", wide.P50, "ms", Target.Maximum(2));
report.Add("forms.fields500.cpu", wide.CpuMs, "ms");
var table = await WorkflowKit.Bench.Forms.FormValidationBenchmark.MeasureAsync("table", WorkflowKit.Bench.Forms.BenchForms.Table(1000), WorkflowKit.Bench.Forms.BenchForms.TableData(1000), TimeSpan.FromSeconds(2), options.WorkDirectory);
report.Add("forms.rows1000.p50", table.P50, "ms", Target.Maximum(10));
report.Add("forms.rows1000.cpu", table.CpuMs, "ms");
return 0;
