using WorkflowKit.Bench.Engine;
using WorkflowKit.Storage;
using WorkflowKit.Storage.Sqlite;

namespace WorkflowKit.Bench.Throughput;

/// <summary>
/// Section "flow": the standard flow on durable SQLite (or PostgreSQL) with 1 and 8 drivers, its durable commits
/// per instance, and the engine's commit rate against the ceiling.
/// </summary>
public static class FlowSection
{
    /// <summary>Instances of the counting pass, which runs with SQLite's hooks attached and is not timed.</summary>
    private const int CountedInstances = 200;

    /// <summary>
    /// Runs the section on SQLite, or on PostgreSQL (a fresh schema per engine) when
    /// <paramref name="postgres"/> is given; the figures are named <c>flow.sqlite.*</c> or <c>flow.postgres.*</c>.
    /// </summary>
    public static async Task RunAsync(BenchOptions options, BenchPlan plan, BenchReport report, string? postgres = null)
    {
        if (postgres is null)
        {
            await CountStatementsAsync(options, report);
        }

        var storage = postgres is null ? "sqlite" : "postgres";
        foreach (var drivers in new[] { 1, 8 })
        {
            await using var bench = await BenchEngine.CreateAsync(options.WorkDirectory, $"flow-d{drivers}", options.SqliteDatabase, postgres);
            var result = await new StandardFlowBenchmark(bench).RunAsync(drivers, plan.FlowRun, plan.FlowWarmUp);
            var prefix = $"flow.{storage}.d{drivers}";
            report.Add($"{prefix}.instancesPerSecond", result.InstancesPerSecond, "instances/s",
                drivers == 8 ? Target.Minimum(1_500) : null);
            report.Add($"{prefix}.start.p50", result.Start.Percentile(50), "ms");
            report.Add($"{prefix}.start.p99", result.Start.Percentile(99), "ms");
            report.Add($"{prefix}.complete.p50", result.Complete.Percentile(50), "ms");
            report.Add($"{prefix}.complete.p99", result.Complete.Percentile(99), "ms");
            report.Add($"{prefix}.commitsPerInstance", result.CommitsPerInstance, "commits");
            report.Add($"{prefix}.engineCommitsPerSecond", result.CommitsPerSecond, "commits/s");
            if (!double.IsNaN(result.SqliteCommitsPerInstance))
            {
                report.Add($"{prefix}.sqliteCommitsPerInstance", result.SqliteCommitsPerInstance, "commits");
                report.Add(
                    $"{prefix}.transactionsPerSqliteCommit",
                    result.CommitsPerInstance / result.SqliteCommitsPerInstance, "transactions");
            }

            report.Add($"{prefix}.cpuMsPerInstance", result.CpuMsPerInstance, "ms");
            report.Add($"{prefix}.errors", result.Errors, "errors", Target.Maximum(0));
            report.Note($"{prefix}.phases", result.Phases.ToJsonString());

            if (postgres is null && report.Get("ceiling.sqlite.commitsPerSecond") is { } ceiling && drivers == 8)
            {
                report.Add("flow.sqlite.ceilingRatio", result.CommitsPerSecond / ceiling, "ratio", Target.Minimum(0.5));
            }
        }
    }

    /// <summary>
    /// Runs the standard flow once per instance with one driver and counts the statements, rows and
    /// WAL pages it costs, after a few instances that warm the prepared statements.
    /// </summary>
    private static async Task CountStatementsAsync(BenchOptions options, BenchReport report)
    {
        await using var bench = await BenchEngine.CreateAsync(options.WorkDirectory, "flow-sql", options.SqliteDatabase);
        var flow = new StandardFlowBenchmark(bench);
        for (var i = 0; i < 10; i++)
        {
            await flow.RunInstanceAsync(0, i, record: false);
        }

        var trace = new SqliteTrace();
        bench.Counting.Trace = trace;
        for (var i = 0; i < CountedInstances; i++)
        {
            await flow.RunInstanceAsync(0, 10 + i, record: false);
        }

        if (options.KeepCountingStore is { } keep)
        {
            KeepStore(bench.Database, keep);
        }

        var counts = trace.PerUnit(CountedInstances);
        report.Add("flow.sqlite.statementsPerInstance", (double)counts["statementsPerInstance"]!, "statements");
        report.Add("flow.sqlite.rowsWrittenPerInstance", (double)counts["rowsWrittenPerInstance"]!, "rows");
        report.Add("flow.sqlite.pagesPerCommit", (double)counts["pagesPerCommit"]!, "pages");
        report.Note("flow.sqlite.sql", counts.ToJsonString());
    }

    /// <summary>
    /// Copies the counting pass's database file, WAL and shared-memory index into <paramref name="folder"/>. The WAL
    /// then contains the frames of the commits since the last checkpoint, which bench/tools/wal_frames_by_btree.py
    /// assigns to their B-trees.
    /// </summary>
    private static void KeepStore(IDatabase database, string folder)
    {
        if (database is not SqliteDatabase sqlite)
        {
            return;
        }

        Directory.CreateDirectory(folder);
        foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
        {
            var source = sqlite.Path + suffix;
            if (File.Exists(source))
            {
                File.Copy(source, Path.Combine(folder, Path.GetFileName(source)), overwrite: true);
            }
        }

        Console.WriteLine($"Kept the counting store in {folder}");
    }
}
