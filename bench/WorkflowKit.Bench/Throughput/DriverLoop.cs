using System.Diagnostics;

namespace WorkflowKit.Bench.Throughput;

/// <summary>
/// Runs one cycle after another on each of several concurrent drivers until a time is up, and
/// counts the cycles that succeeded and those that threw.
/// </summary>
public static class DriverLoop
{
    /// <remarks>
    /// The cycle gets the driver's index and a running sequence number, and returns true when its
    /// unit of work completed; an exception counts as an error and the driver goes on.
    /// </remarks>
    public static async Task<DriverLoopResult> RunAsync(
        int drivers, TimeSpan duration, Func<int, long, Task<bool>> cycle, Action<Exception>? onError = null)
    {
        long completed = 0;
        long errors = 0;
        long sequence = 0;
        var watch = Stopwatch.StartNew();
        var tasks = Enumerable.Range(0, drivers).Select(driver => Task.Run(async () =>
        {
            while (watch.Elapsed < duration)
            {
                try
                {
                    if (await cycle(driver, Interlocked.Increment(ref sequence)).ConfigureAwait(false))
                    {
                        Interlocked.Increment(ref completed);
                    }
                }
                catch (Exception exception)
                {
                    Interlocked.Increment(ref errors);
                    onError?.Invoke(exception);
                }
            }
        })).ToArray();
        await Task.WhenAll(tasks).ConfigureAwait(false);
        return new DriverLoopResult(completed, errors, watch.Elapsed);
    }
}
