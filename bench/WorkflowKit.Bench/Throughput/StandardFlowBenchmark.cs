using System.Globalization;
using WorkflowKit.Bench.Engine;
using WorkflowKit.Runtime;
using WorkflowKit.Runtime.Instances;
using WorkflowKit.Runtime.Tasks;
using WorkflowKit.Storage.Sqlite;

namespace WorkflowKit.Bench.Throughput;

/// <summary>
/// Durable throughput of the standard flow: each driver starts an order (3 lines), the
/// rule-builder credit check routes it to the manager's approval, the driver opens the
/// instance's task and approves it as the manager, and the step that follows creates the
/// shipment record and ends the instance. An instance counts when the approval returned it
/// completed.
/// </summary>
/// <param name="bench">The engine to run on.</param>
/// <param name="recordLatencies">
/// Whether to keep every start and approval latency; the soak does not, because the samples would grow the
/// working set it measures by 16 bytes per instance.
/// </param>
public sealed class StandardFlowBenchmark(BenchEngine bench, bool recordLatencies = true)
{
    private readonly Latency _start = new();
    private readonly Latency _complete = new();

    public async Task<ThroughputResult> RunAsync(int drivers, TimeSpan duration, int warmUpInstances)
    {
        for (var i = 0; i < warmUpInstances; i++)
        {
            await RunInstanceAsync(0, i, record: false);
        }

        bench.Phases.Reset();
        var commitsBefore = bench.Counting.Commits;
        var sqliteCommitsBefore = SqliteCommits();
        var cpu = CpuTimer.Start();
        var loop = await DriverLoop.RunAsync(
            drivers, duration, (driver, sequence) => RunInstanceAsync(driver, sequence, record: recordLatencies));
        var commits = bench.Counting.Commits - commitsBefore;
        // On PostgreSQL both readings are -1, and their difference of 0 must not read as "no commits".
        var sqliteCommits = sqliteCommitsBefore < 0 ? -1 : SqliteCommits() - sqliteCommitsBefore;
        return new ThroughputResult(
            drivers, loop.Completed, loop.Errors, loop.Elapsed,
            loop.Completed == 0 ? double.NaN : (double)commits / loop.Completed, _start, _complete)
        {
            Phases = bench.Phases.PerUnit(loop.Completed, loop.Elapsed * drivers),
            CpuMsPerInstance = loop.Completed == 0 ? double.NaN : cpu.Cpu.TotalMilliseconds / loop.Completed,
            SqliteCommitsPerInstance = loop.Completed == 0 || sqliteCommits < 0
                ? double.NaN
                : (double)sqliteCommits / loop.Completed,
        };
    }

    /// <summary>SQLite commits on the engine's file so far, or -1 on PostgreSQL.</summary>
    private long SqliteCommits() => bench.Database is SqliteDatabase sqlite ? sqlite.WriteCommits : -1;

    /// <summary>One instance from start to end; true when it completed.</summary>
    public async Task<bool> RunInstanceAsync(int driver, long sequence, bool record)
    {
        var engine = bench.Engine;
        var department = driver % BenchOrganization.Departments;
        var initiator = BenchOrganization.Staff(department, (int)(sequence % BenchOrganization.StaffPerDepartment));
        var started = Latency.StartTiming();
        var instance = await engine.StartAsync(
            new StartInstanceRequest(OrderDefinitions.ApprovalFlow, initiator)
            {
                Form = OrderDefinitions.NewOrder((int)(sequence % int.MaxValue)),
            },
            CancellationToken.None);
        if (record)
        {
            _start.Record(started.Elapsed);
        }

        var tasks = await engine.QueryTasksAsync(new TaskQuery { InstanceId = instance.Id }, CancellationToken.None);
        if (tasks.Count != 1)
        {
            throw new InvalidOperationException(string.Format(
                CultureInfo.InvariantCulture,
                "Instance {0} should wait at one approval task after its start, found {1} open tasks (status {2}).",
                instance.Id, tasks.Count, instance.Status));
        }

        var acting = Latency.StartTiming();
        var result = await engine.ActAsync(
            new TaskActionRequest(tasks[0].Id, TaskActions.Approve, tasks[0].Assignee), CancellationToken.None);
        if (record)
        {
            _complete.Record(acting.Elapsed);
        }

        return result.Instance.Status == InstanceStatuses.Completed
            ? true
            : throw new InvalidOperationException(
                $"Instance {instance.Id} should have completed after the approval; its status is {result.Instance.Status}.");
    }
}
