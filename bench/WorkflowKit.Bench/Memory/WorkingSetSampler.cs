using System.Diagnostics;

namespace WorkflowKit.Bench.Memory;

/// <summary>Samples the process's working set once a second until disposed.</summary>
public sealed class WorkingSetSampler : IAsyncDisposable
{
    private readonly List<(TimeSpan At, long Bytes)> _samples = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public WorkingSetSampler()
    {
        _loop = Task.Run(SampleAsync);
    }

    public IReadOnlyList<(TimeSpan At, long Bytes)> Samples
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
        using var ticks = new PeriodicTimer(TimeSpan.FromSeconds(1));
        do
        {
            process.Refresh();
            lock (_samples)
            {
                _samples.Add((_clock.Elapsed, process.WorkingSet64));
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
