using System.Diagnostics;
using WorkflowKit.Bench.Engine;
using WorkflowKit.Bench.Throughput;

namespace WorkflowKit.Bench.Memory;

/// <summary>
/// Section "soak": the standard flow with 8 drivers for ten minutes (twenty seconds in a quick
/// run) while the working set is sampled each second. Growth compares the mean working set of
/// the last tenth of the soak with that of the second tenth (the first tenth is warm-up: caches
/// and pools filling).
/// </summary>
public static class SoakSection
{
    private const int Drivers = 8;

    public static async Task RunAsync(BenchOptions options, BenchPlan plan, BenchReport report)
    {
        report.Note("soak.duration", options.Quick
            ? $"{plan.Soak.TotalSeconds:0} s (quick run; the full run soaks for 10 minutes)"
            : $"{plan.Soak.TotalMinutes:0} minutes");
        await using var bench = await BenchEngine.CreateAsync(options.WorkDirectory, "soak");
        var flow = new StandardFlowBenchmark(bench);
        ThroughputResult result;
        IReadOnlyList<(TimeSpan At, long Bytes)> samples;
        await using (var sampler = new WorkingSetSampler())
        {
            result = await flow.RunAsync(Drivers, plan.Soak, warmUpInstances: 0);
            samples = sampler.Samples;
        }

        var tenth = plan.Soak / 10;
        var early = Mean(samples.Where(sample => sample.At >= tenth && sample.At < 2 * tenth));
        var late = Mean(samples.Where(sample => sample.At >= plan.Soak - tenth));
        report.Add("soak.instancesPerSecond", result.InstancesPerSecond, "instances/s");
        report.Add("soak.instances", result.Instances, "instances");
        report.Add("soak.errors", result.Errors, "errors", Target.Maximum(0));
        report.Add("soak.workingSet.early", early / 1_048_576, "MiB");
        report.Add("soak.workingSet.late", late / 1_048_576, "MiB");
        report.Add("soak.workingSet.max", samples.Max(sample => sample.Bytes) / 1_048_576d, "MiB");
        report.Add("soak.workingSetGrowth", (late - early) / early * 100, "%", Target.Maximum(10));
        using var process = Process.GetCurrentProcess();
        report.Add("process.peakWorkingSet", process.PeakWorkingSet64 / 1_048_576d, "MiB");
    }

    private static double Mean(IEnumerable<(TimeSpan At, long Bytes)> samples)
    {
        var list = samples.ToList();
        return list.Count == 0 ? double.NaN : list.Average(sample => (double)sample.Bytes);
    }
}
