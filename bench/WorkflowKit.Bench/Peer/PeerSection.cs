using WorkflowKit.Bench.Engine;
using WorkflowKit.Bench.Throughput;

namespace WorkflowKit.Bench.Peer;

/// <summary>
/// Section "peer": the automatic order flow on WorkflowKit with durable SQLite against the same
/// flow on WorkflowCore 3.22.0 with its in-memory persistence.
/// </summary>
public static class PeerSection
{
    private const int Drivers = 8;

    public static async Task RunAsync(BenchOptions options, BenchPlan plan, BenchReport report)
    {
        var kit = await RunWorkflowKitAsync(options, plan, report, null);
        var core = await WorkflowCoreBenchmark.MeasureAsync(plan.PeerInstances);
        report.Add("peer.workflowCore.memory.instancesPerSecond", core.InstancesPerSecond, "instances/s");
        report.Add("peer.workflowCore.memory.cpuMsPerInstance", core.CpuMsPerInstance, "ms");
        report.Add("peer.ratio", kit.InstancesPerSecond / core.InstancesPerSecond, "ratio", Target.Minimum(3));
        report.Add("peer.cpuRatio", core.CpuMsPerInstance / kit.CpuMsPerInstance, "ratio");
    }

    /// <summary>
    /// Runs WorkflowKit's automatic flow on SQLite, or on PostgreSQL (a fresh schema) when
    /// <paramref name="postgres"/> is given, and reports it as <c>peer.workflowKit.STORAGE.*</c>.
    /// </summary>
    public static async Task<ThroughputResult> RunWorkflowKitAsync(
        BenchOptions options, BenchPlan plan, BenchReport report, string? postgres)
    {
        await using var bench = await BenchEngine.CreateAsync(options.WorkDirectory, "peer", options.SqliteDatabase, postgres);
        var kit = await AutomaticFlowBenchmark.RunAsync(bench, Drivers, plan.PeerRun, plan.FlowWarmUp);
        var prefix = $"peer.workflowKit.{bench.Storage}";
        report.Add($"{prefix}.instancesPerSecond", kit.InstancesPerSecond, "instances/s");
        report.Add($"{prefix}.commitsPerInstance", kit.CommitsPerInstance, "commits");
        report.Add($"{prefix}.cpuMsPerInstance", kit.CpuMsPerInstance, "ms");
        report.Add($"{prefix}.errors", kit.Errors, "errors", Target.Maximum(0));
        report.Note($"{prefix}.phases", kit.Phases.ToJsonString());
        return kit;
    }
}
