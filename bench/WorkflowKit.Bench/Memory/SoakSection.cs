using System.Diagnostics;
using WorkflowKit.Bench.Engine;
using WorkflowKit.Bench.Throughput;
using WorkflowKit.Storage.Sqlite;

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
        await using var bench = await BenchEngine.CreateAsync(options.WorkDirectory, "soak", options.SqliteDatabase);
        var flow = new StandardFlowBenchmark(bench, recordLatencies: false);
        ThroughputResult result;
        IReadOnlyList<MemorySample> samples;
        await using (var sampler = new WorkingSetSampler((bench.Database as SqliteDatabase)?.Path))
        {
            result = await flow.RunAsync(Drivers, plan.Soak, warmUpInstances: 0);
            samples = sampler.Samples;
        }

        var tenth = plan.Soak / 10;
        var early = Window(samples, tenth, 2 * tenth);
        var middle = Window(samples, 5 * tenth, 6 * tenth);
        var late = Window(samples, plan.Soak - tenth, plan.Soak);
        report.Add("soak.instancesPerSecond", result.InstancesPerSecond, "instances/s");
        report.Add("soak.instances", result.Instances, "instances");
        report.Add("soak.errors", result.Errors, "errors", Target.Maximum(0));
        var workingSetEarly = Mean(early, sample => sample.WorkingSet);
        var workingSetLate = Mean(late, sample => sample.WorkingSet);
        report.Add("soak.workingSet.early", workingSetEarly, "MiB");
        report.Add("soak.workingSet.middle", Mean(middle, sample => sample.WorkingSet), "MiB");
        report.Add("soak.workingSet.late", workingSetLate, "MiB");
        report.Add("soak.workingSet.max", samples.Max(sample => sample.WorkingSet) / 1_048_576d, "MiB");
        report.Add("soak.workingSetGrowth", Growth(workingSetEarly, workingSetLate), "%", Target.Maximum(10));
        ReportResident(report, early, middle, late);

        // Parts of the working set: .NET objects (garbage not yet collected included) within what the GC has
        // committed, SQLite's allocations (page caches up to their size limit per connection) and thread stacks.
        // The rest is the runtime's own memory and code.
        report.Add("soak.managedHeap.early", Mean(early, sample => sample.ManagedHeap), "MiB");
        report.Add("soak.managedHeap.late", Mean(late, sample => sample.ManagedHeap), "MiB");
        report.Add("soak.gcCommitted.early", Mean(early, sample => sample.GcCommitted), "MiB");
        report.Add("soak.gcCommitted.late", Mean(late, sample => sample.GcCommitted), "MiB");
        report.Add("soak.sqliteMemory.early", Mean(early, sample => sample.Sqlite), "MiB");
        report.Add("soak.sqliteMemory.late", Mean(late, sample => sample.Sqlite), "MiB");
        ReportNativeHeap(report, early, late);
        report.Add("soak.threads.early", early.Count == 0 ? double.NaN : early.Average(sample => sample.Threads),
            "threads");
        report.Add("soak.threads.late", late.Count == 0 ? double.NaN : late.Average(sample => sample.Threads),
            "threads");

        // What the soak adds to the database, which SQLite's caches and the -shm index may follow up to their bounds.
        report.Add("soak.databaseFile.early", Mean(early, sample => sample.DatabaseFile), "MiB");
        report.Add("soak.databaseFile.late", Mean(late, sample => sample.DatabaseFile), "MiB");
        report.Add("soak.walFile.max", samples.Max(sample => sample.WalFile) / 1_048_576d, "MiB");
        using var process = Process.GetCurrentProcess();
        report.Add("process.peakWorkingSet", process.PeakWorkingSet64 / 1_048_576d, "MiB");
    }

    /// <summary>
    /// Reports the working set by kind. Only anonymous memory is the process's own allocation. The kernel drops
    /// file-backed pages (code of the runtime and assemblies) when other processes need memory and reads them again
    /// when touched, so they move the working set with the machine's load.
    /// </summary>
    private static void ReportResident(
        BenchReport report, List<MemorySample> early, List<MemorySample> middle, List<MemorySample> late)
    {
        var anonymousEarly = Mean(early, sample => sample.Resident.Anonymous);
        var anonymousMiddle = Mean(middle, sample => sample.Resident.Anonymous);
        var anonymousLate = Mean(late, sample => sample.Resident.Anonymous);
        report.Add("soak.rssAnonymous.early", anonymousEarly, "MiB");
        report.Add("soak.rssAnonymous.middle", anonymousMiddle, "MiB");
        report.Add("soak.rssAnonymous.late", anonymousLate, "MiB");
        report.Add("soak.rssAnonymousGrowth", Growth(anonymousEarly, anonymousLate), "%");
        report.Add("soak.rssAnonymousGrowth.secondHalf", Growth(anonymousMiddle, anonymousLate), "%");
        report.Add("soak.rssFile.early", Mean(early, sample => sample.Resident.File), "MiB");
        report.Add("soak.rssFile.late", Mean(late, sample => sample.Resident.File), "MiB");
        report.Add("soak.rssShared.early", Mean(early, sample => sample.Resident.Shared), "MiB");
        report.Add("soak.rssShared.late", Mean(late, sample => sample.Resident.Shared), "MiB");
    }

    /// <summary>Reports the C allocator's arenas: what they took from the kernel, what is in use and what is free.</summary>
    private static void ReportNativeHeap(BenchReport report, List<MemorySample> early, List<MemorySample> late)
    {
        report.Add("soak.mallocSystem.early", Mean(early, sample => sample.Native.System), "MiB");
        report.Add("soak.mallocSystem.late", Mean(late, sample => sample.Native.System), "MiB");
        report.Add("soak.mallocInUse.early", Mean(early, sample => sample.Native.InUse), "MiB");
        report.Add("soak.mallocInUse.late", Mean(late, sample => sample.Native.InUse), "MiB");
        report.Add("soak.mallocFree.early", Mean(early, sample => sample.Native.Free), "MiB");
        report.Add("soak.mallocFree.late", Mean(late, sample => sample.Native.Free), "MiB");
    }

    private static List<MemorySample> Window(IReadOnlyList<MemorySample> samples, TimeSpan from, TimeSpan to) =>
        samples.Where(sample => sample.At >= from && sample.At < to).ToList();

    /// <summary>Growth from <paramref name="before"/> to <paramref name="after"/> in percent.</summary>
    private static double Growth(double before, double after) => (after - before) / before * 100;

    /// <summary>
    /// The mean of <paramref name="value"/> over the samples, in MiB; NaN without samples or where the system does
    /// not provide the value (the readers return -1 there).
    /// </summary>
    private static double Mean(IReadOnlyList<MemorySample> samples, Func<MemorySample, long> value) =>
        samples.Count == 0 || samples.Any(sample => value(sample) < 0)
            ? double.NaN
            : samples.Average(sample => (double)value(sample)) / 1_048_576;
}
