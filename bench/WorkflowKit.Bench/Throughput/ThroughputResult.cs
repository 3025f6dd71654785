using System.Text.Json.Nodes;

namespace WorkflowKit.Bench.Throughput;

/// <summary>What one run of the standard flow with a number of concurrent drivers measured.</summary>
public sealed record ThroughputResult(
    int Drivers,
    long Instances,
    long Errors,
    TimeSpan Elapsed,
    double CommitsPerInstance,
    Latency Start,
    Latency Complete)
{
    /// <summary>Milliseconds per instance spent in each phase of the steps (see <see cref="Engine.PhaseTimes"/>).</summary>
    public JsonObject Phases { get; init; } = [];

    /// <summary>
    /// The process's CPU time per completed instance, in milliseconds, summed over all threads. It
    /// depends less on other processes' load than the rates do.
    /// </summary>
    public double CpuMsPerInstance { get; init; }

    /// <summary>
    /// SQLite commits per completed instance, fewer than <see cref="CommitsPerInstance"/> when the
    /// engine's write transactions shared commits; NaN on PostgreSQL.
    /// </summary>
    public double SqliteCommitsPerInstance { get; init; } = double.NaN;

    public double InstancesPerSecond => Instances / Elapsed.TotalSeconds;

    public double CommitsPerSecond => InstancesPerSecond * CommitsPerInstance;
}
