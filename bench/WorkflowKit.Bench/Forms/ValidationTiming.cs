namespace WorkflowKit.Bench.Forms;

/// <summary>Wall-clock milliseconds per validation (median and 95th percentile) and CPU milliseconds per validation.</summary>
public sealed record ValidationTiming(string Name, double P50, double P95, double CpuMs);
