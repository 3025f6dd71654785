using System.Diagnostics;
using WorkflowKit.Bench.Engine;
using WorkflowKit.Bench.Throughput;

namespace WorkflowKit.Bench.Memory;

/// <summary>
/// Section "soak": the standard flow with 8 drivers for ten minutes (ten seconds in a quick run)
/// while the working set is sampled four times a second. Growth compares the mean working set of
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
        await using var bench = await BenchEngine.CreateAsync(options.WorkDirectory, "soak", options.SqliteSynchronous);
        var flow = new StandardFlowBenchmark(bench, recordLatencies: false);
        ThroughputResult result;
        IReadOnlyList<MemorySample> samples;
        await using (var sampler = new WorkingSetSampler())
        {
            result = await flow.RunAsync(Drivers, plan.Soak, warmUpInstances: 0);
            samples = sampler.Samples;
        }

        var tenth = plan.Soak / 10;
        var early = samples.Where(sample => sample.At >= tenth && sample.At < 2 * tenth).ToList();
        var late = samples.Where(sample => sample.At >= plan.Soak - tenth).ToList();
        var workingSetEarly = Mean(early, sample => sample.WorkingSet);
        var workingSetLate = Mean(late, sample => sample.WorkingSet);
        report.Add("soak.instancesPerSecond", result.InstancesPerSecond, "instances/s");
        report.Add("soak.instances", result.Instances, "instances");
        report.Add("soak.errors", result.Errors, "errors", Target.Maximum(0));
        report.Add("soak.workingSet.early", workingSetEarly, "MiB");
        report.Add("soak.workingSet.late", workingSetLate, "MiB");
        report.Add("soak.workingSet.max", samples.Max(sample => sample.WorkingSet) / 1_048_576d, "MiB");
        var growth = (workingSetLate - workingSetEarly) / workingSetEarly * 100;
        report.Add("soak.workingSetGrowth", growth, "%", Target.Maximum(10));

        // Parts of the working set: .NET objects (garbage not yet collected included) within what the GC has
        // committed, SQLite's allocations (page caches up to their size limit per connection) and thread stacks.
        // The rest is the runtime's own memory and code.
        report.Add("soak.managedHeap.early", Mean(early, sample => sample.ManagedHeap), "MiB");
        report.Add("soak.managedHeap.late", Mean(late, sample => sample.ManagedHeap), "MiB");
        report.Add("soak.gcCommitted.early", Mean(early, sample => sample.GcCommitted), "MiB");
        report.Add("soak.gcCommitted.late", Mean(late, sample => sample.GcCommitted), "MiB");
        report.Add("soak.sqliteMemory.early", Mean(early, sample => sample.Sqlite), "MiB");
        report.Add("soak.sqliteMemory.late", Mean(late, sample => sample.Sqlite), "MiB");
        report.Add("soak.threads.early", early.Count == 0 ? double.NaN : early.Average(sample => sample.Threads),
            "threads");
        report.Add("soak.threads.late", late.Count == 0 ? double.NaN : late.Average(sample => sample.Threads),
            "threads");
        using var process = Process.GetCurrentProcess();
        report.Add("process.peakWorkingSet", process.PeakWorkingSet64 / 1_048_576d, "MiB");
    }

    /// <summary>The mean of <paramref name="value"/> over the samples, in MiB.</summary>
    private static double Mean(IReadOnlyList<MemorySample> samples, Func<MemorySample, long> value) =>
        samples.Count == 0 ? double.NaN : samples.Average(sample => (double)value(sample)) / 1_048_576;
}
