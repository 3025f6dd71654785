using System.Diagnostics;

namespace WorkflowKit.Bench.Memory;

/// <summary>
/// Samples four times a second until disposed, so that each tenth of a 10 s quick soak has samples. A sample
/// contains the process's working set, the managed heap (<see cref="GC.GetTotalMemory"/> without a collection, so
/// it includes garbage not yet collected), the memory the GC has committed, the memory SQLite has allocated
/// (<c>sqlite3_memory_used</c>: page caches, prepared statements, schema) and the process's threads.
/// </summary>
public sealed class WorkingSetSampler : IAsyncDisposable
{
    private readonly List<MemorySample> _samples = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public WorkingSetSampler()
    {
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
                    process.Threads.Count));
            }
        }
        while (await ticks.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false));
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
