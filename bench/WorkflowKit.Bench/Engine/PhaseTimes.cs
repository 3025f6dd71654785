using System.Diagnostics;
using System.Text.Json.Nodes;

namespace WorkflowKit.Bench.Engine;

/// <summary>
/// Time spent in each phase of the engine's steps, summed over all steps: waiting for the write
/// lock, expressions and scripts, record writes, and the commit itself. Whatever a step spends
/// beyond these is the engine's own work and the runtime store's SQL.
/// </summary>
public sealed class PhaseTimes
{
    private readonly long[] _ticks = new long[Names.Length];
    private readonly long[] _counts = new long[Names.Length];

    public static readonly string[] Names = ["begin", "expressions", "records", "commit"];

    public const int Begin = 0;
    public const int Expressions = 1;
    public const int Records = 2;
    public const int Commit = 3;

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

    /// <summary>Milliseconds and calls of each phase per unit (per instance).</summary>
    public JsonObject PerUnit(long units)
    {
        var result = new JsonObject();
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
