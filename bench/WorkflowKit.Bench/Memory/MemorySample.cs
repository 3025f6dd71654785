namespace WorkflowKit.Bench.Memory;

/// <summary>One sample of the soak, in bytes, taken <paramref name="At"/> after sampling began.</summary>
public sealed record MemorySample(TimeSpan At, long WorkingSet, long ManagedHeap, long Sqlite);
