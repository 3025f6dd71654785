namespace WorkflowKit.Bench.Memory;

/// <summary>
/// One sample of the soak, taken <paramref name="At"/> after sampling began: sizes in bytes and the number of
/// threads in the process. <paramref name="Resident"/> splits the working set by kind and <paramref name="Native"/>
/// is the C allocator's view of its heap. <paramref name="DatabaseFile"/> and <paramref name="WalFile"/> are the
/// sizes of the soak's SQLite file and its write-ahead log, which SQLite's page caches and <c>-shm</c> index follow.
/// </summary>
public sealed record MemorySample(
    TimeSpan At,
    long WorkingSet,
    long ManagedHeap,
    long GcCommitted,
    long Sqlite,
    int Threads,
    ResidentMemory Resident,
    NativeHeap Native,
    long DatabaseFile,
    long WalFile);
