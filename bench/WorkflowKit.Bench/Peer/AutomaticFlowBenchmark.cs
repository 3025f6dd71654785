using WorkflowKit.Bench.Engine;
using WorkflowKit.Bench.Throughput;
using WorkflowKit.Runtime;
using WorkflowKit.Runtime.Instances;

namespace WorkflowKit.Bench.Peer;

/// <summary>
/// WorkflowKit's side of the peer comparison: the order flow with the approval replaced by a
/// script node, so one start runs the whole instance (credit check, script, shipment record,
/// end) in one durable step on SQLite.
/// </summary>
public static class AutomaticFlowBenchmark
{
    public static async Task<ThroughputResult> RunAsync(BenchEngine bench, int drivers, TimeSpan duration, int warmUp)
    {
        for (var i = 0; i < warmUp; i++)
        {
            await RunInstanceAsync(bench, 0, i);
        }

        bench.Phases.Reset();
        var commitsBefore = bench.Counting.Commits;
        var cpu = CpuTimer.Start();
        var start = new Latency();
        var loop = await DriverLoop.RunAsync(drivers, duration, async (driver, sequence) =>
        {
            var timing = Latency.StartTiming();
            var completed = await RunInstanceAsync(bench, driver, sequence);
            start.Record(timing.Elapsed);
            return completed;
        });
        var commits = bench.Counting.Commits - commitsBefore;
        return new ThroughputResult(
            drivers, loop.Completed, loop.Errors, loop.Elapsed,
            loop.Completed == 0 ? double.NaN : (double)commits / loop.Completed, start, new Latency())
        {
            Phases = bench.Phases.PerUnit(loop.Completed, loop.Elapsed * drivers),
            CpuMsPerInstance = loop.Completed == 0 ? double.NaN : cpu.Cpu.TotalMilliseconds / loop.Completed,
        };
    }

    private static async Task<bool> RunInstanceAsync(BenchEngine bench, int driver, long sequence)
    {
        var initiator = BenchOrganization.Staff(
            driver % BenchOrganization.Departments, (int)(sequence % BenchOrganization.StaffPerDepartment));
        var instance = await bench.Engine.StartAsync(
            new StartInstanceRequest(OrderDefinitions.AutomaticFlow, initiator)
            {
                Form = OrderDefinitions.NewOrder((int)(sequence % int.MaxValue)),
            },
            CancellationToken.None);
        return instance.Status == InstanceStatuses.Completed
            ? true
            : throw new InvalidOperationException(
                $"Automatic instance {instance.Id} should complete in its first step; its status is {instance.Status}.");
    }
}
