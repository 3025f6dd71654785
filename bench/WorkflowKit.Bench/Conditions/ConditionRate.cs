namespace WorkflowKit.Bench.Conditions;

/// <summary>Evaluations per wall-clock second and per CPU second (one thread, so per core).</summary>
public sealed record ConditionRate(string Name, double PerWallSecond, double PerCpuSecond);
