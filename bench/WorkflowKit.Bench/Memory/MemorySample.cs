namespace WorkflowKit.Bench.Memory;

/// <summary>
/// One sample of the soak, taken <paramref name="At"/> after sampling began: sizes in bytes and the number of
/// threads in the process.
/// </summary>
public sealed record MemorySample(
    TimeSpan At, long WorkingSet, long ManagedHeap, long GcCommitted, long Sqlite, int Threads);
