using WorkflowKit.Bench.Engine;

namespace WorkflowKit.Bench.Throughput;

/// <summary>
/// Section "flow": the standard flow on durable SQLite with 1 and 8 drivers, its durable commits
/// per instance, and the engine's commit rate against the ceiling.
/// </summary>
public static class FlowSection
{
    public static async Task RunAsync(BenchOptions options, BenchPlan plan, BenchReport report)
    {
        foreach (var drivers in new[] { 1, 8 })
        {
            await using var bench = await BenchEngine.CreateAsync(options.WorkDirectory, $"flow-d{drivers}");
            var result = await new StandardFlowBenchmark(bench).RunAsync(drivers, plan.FlowRun, plan.FlowWarmUp);
            var prefix = $"flow.sqlite.d{drivers}";
            report.Add($"{prefix}.instancesPerSecond", result.InstancesPerSecond, "instances/s",
                drivers == 8 ? Target.Minimum(1_500) : null);
            report.Add($"{prefix}.start.p50", result.Start.Percentile(50), "ms");
            report.Add($"{prefix}.start.p99", result.Start.Percentile(99), "ms");
            report.Add($"{prefix}.complete.p50", result.Complete.Percentile(50), "ms");
            report.Add($"{prefix}.complete.p99", result.Complete.Percentile(99), "ms");
            report.Add($"{prefix}.commitsPerInstance", result.CommitsPerInstance, "commits");
            report.Add($"{prefix}.engineCommitsPerSecond", result.CommitsPerSecond, "commits/s");
            report.Add($"{prefix}.cpuMsPerInstance", result.CpuMsPerInstance, "ms");
            report.Add($"{prefix}.errors", result.Errors, "errors", Target.Maximum(0));
            report.Note($"{prefix}.phases", result.Phases.ToJsonString());

            if (report.Get("ceiling.sqlite.commitsPerSecond") is { } ceiling && drivers == 8)
            {
                report.Add("flow.sqlite.ceilingRatio", result.CommitsPerSecond / ceiling, "ratio", Target.Minimum(0.5));
            }
        }
    }
}
