using System.Diagnostics;

namespace WorkflowKit.Bench.Memory;

/// <summary>
/// Samples four times a second until disposed, so that each tenth of a 10 s quick soak has samples. A sample
/// contains the process's working set, the managed heap (<see cref="GC.GetTotalMemory"/> without a collection, so
/// it includes garbage not yet collected), the memory the GC has committed, the memory SQLite has allocated
/// (<c>sqlite3_memory_used</c>: page caches, prepared statements, schema), the process's threads, its resident
/// memory by kind (<see cref="ResidentMemory"/>), the C allocator's totals (<see cref="NativeHeap"/>) and the
/// sizes of the database file and its WAL.
/// </summary>
public sealed class WorkingSetSampler : IAsyncDisposable
{
    private readonly List<MemorySample> _samples = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly string? _databasePath;

    /// <summary>Starts sampling; <paramref name="databasePath"/> is the SQLite file to size, or null for none.</summary>
    public WorkingSetSampler(string? databasePath)
    {
        _databasePath = databasePath;
        _loop = Task.Run(SampleAsync);
    }

    public IReadOnlyList<MemorySample> Samples
    {
        get
        {
            lock (_samples)
            {
                return [.. _samples];
            }
        }
    }

    private async Task SampleAsync()
    {
        using var process = Process.GetCurrentProcess();
        using var ticks = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        do
        {
            process.Refresh();
            lock (_samples)
            {
                _samples.Add(new MemorySample(
                    _clock.Elapsed, process.WorkingSet64, GC.GetTotalMemory(forceFullCollection: false),
                    GC.GetGCMemoryInfo().TotalCommittedBytes, SQLitePCL.raw.sqlite3_memory_used(),
                    process.Threads.Count, ResidentMemory.Read(), NativeHeap.Read(), FileLength(_databasePath),
                    FileLength(_databasePath is null ? null : _databasePath + "-wal")));
            }
        }
        while (await ticks.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false));
    }

    /// <summary>The length of the file at <paramref name="path"/> in bytes, 0 when it does not exist.</summary>
    private static long FileLength(string? path)
    {
        if (path is null)
        {
            return 0;
        }

        try
        {
            return new FileInfo(path).Length;
        }
        catch (FileNotFoundException)
        {
            return 0;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
            // The sampler stops by cancellation.
        }

        _stop.Dispose();
    }
}
