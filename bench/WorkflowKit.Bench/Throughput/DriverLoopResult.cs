namespace WorkflowKit.Bench.Throughput;

/// <summary>Cycles completed and failed, and the time the drivers ran.</summary>
public sealed record DriverLoopResult(long Completed, long Errors, TimeSpan Elapsed)
{
    public double PerSecond => Completed / Elapsed.TotalSeconds;
}
