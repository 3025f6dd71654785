using WorkflowKit.Bench.Engine;

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
        await using var bench = await BenchEngine.CreateAsync(options.WorkDirectory, "peer");
        var kit = await AutomaticFlowBenchmark.RunAsync(bench, Drivers, plan.PeerRun, plan.FlowWarmUp);
        report.Add("peer.workflowKit.sqlite.instancesPerSecond", kit.InstancesPerSecond, "instances/s");
        report.Add("peer.workflowKit.sqlite.commitsPerInstance", kit.CommitsPerInstance, "commits");
        report.Add("peer.workflowKit.sqlite.cpuMsPerInstance", kit.CpuMsPerInstance, "ms");
        report.Add("peer.workflowKit.sqlite.errors", kit.Errors, "errors", Target.Maximum(0));
        report.Note("peer.workflowKit.sqlite.phases", kit.Phases.ToJsonString());

        var core = await WorkflowCoreBenchmark.MeasureAsync(plan.PeerInstances);
        report.Add("peer.workflowCore.memory.instancesPerSecond", core.InstancesPerSecond, "instances/s");
        report.Add("peer.workflowCore.memory.cpuMsPerInstance", core.CpuMsPerInstance, "ms");
        report.Add("peer.ratio", kit.InstancesPerSecond / core.InstancesPerSecond, "ratio", Target.Minimum(3));
        report.Add("peer.cpuRatio", core.CpuMsPerInstance / kit.CpuMsPerInstance, "ratio");
    }
}
