using System.Diagnostics;
using System.Text.Json.Nodes;

namespace WorkflowKit.Bench.Engine;

/// <summary>
/// Time spent in each phase of the engine's steps, summed over all steps: beginning the
/// transaction (opening a pooled connection and waiting for the write lock), the runtime store's
/// SQL, expressions and scripts, record writes, and the commit itself. Whatever a step spends
/// beyond these is the engine's own work in .NET. "writeTurn" is the time from the write
/// transaction's begin to its commit call: the writer turn that steps take one at a time, so its
/// total per second bounds the throughput on SQLite. It overlaps "store" and "records".
/// </summary>
public sealed class PhaseTimes
{
    private readonly long[] _ticks = new long[Names.Length];
    private readonly long[] _counts = new long[Names.Length];

    public static readonly string[] Names = ["begin", "store", "expressions", "records", "commit", "writeTurn"];

    public const int Begin = 0;
    public const int Store = 1;
    public const int Expressions = 2;
    public const int Records = 3;
    public const int Commit = 4;
    public const int WriteTurn = 5;

    public void Add(int phase, long startTimestamp)
    {
        Interlocked.Add(ref _ticks[phase], Stopwatch.GetTimestamp() - startTimestamp);
        Interlocked.Increment(ref _counts[phase]);
    }

    public void Reset()
    {
        for (var i = 0; i < Names.Length; i++)
        {
            Interlocked.Exchange(ref _ticks[i], 0);
            Interlocked.Exchange(ref _counts[i], 0);
        }
    }

    public TimeSpan Total(int phase) => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _ticks[phase]));

    public long Count(int phase) => Interlocked.Read(ref _counts[phase]);

    /// <summary>
    /// Milliseconds and calls of each phase per unit (per instance), after the drivers' total time
    /// per unit (<paramref name="driverTime"/>: elapsed time times the number of drivers).
    /// </summary>
    public JsonObject PerUnit(long units, TimeSpan driverTime)
    {
        var result = new JsonObject
        {
            ["driverMsPerInstance"] = Math.Round(driverTime.TotalMilliseconds / Math.Max(units, 1), 4),
        };
        for (var i = 0; i < Names.Length; i++)
        {
            result[Names[i]] = new JsonObject
            {
                ["msPerInstance"] = Math.Round(Total(i).TotalMilliseconds / Math.Max(units, 1), 4),
                ["callsPerInstance"] = Math.Round((double)Count(i) / Math.Max(units, 1), 2),
            };
        }

        return result;
    }
}
