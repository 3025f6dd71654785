using System.Diagnostics;
using Jint;

namespace WorkflowKit.Expressions.Internal;

/// <summary>
/// The script time limit, counted on a clock that stops while the host reads the store for the script
/// (<c>records.query</c>). Jint's own time constraint counts that wait too, so a slow disk or a loaded
/// database server would stop a script that spent almost none of its time running.
/// </summary>
internal sealed class ScriptClockConstraint(TimeSpan limit) : Constraint
{
    private readonly long _limitTicks = (long)(limit.TotalSeconds * Stopwatch.Frequency);
    private long _startedAt = Stopwatch.GetTimestamp();
    private long _excludedTicks;

    public override void Check()
    {
        if (Stopwatch.GetTimestamp() - _startedAt - _excludedTicks > _limitTicks)
        {
            throw new TimeoutException();
        }
    }

    public override void Reset()
    {
        _startedAt = Stopwatch.GetTimestamp();
        _excludedTicks = 0;
    }

    /// <summary>Runs host work whose duration does not count against the script's limit.</summary>
    public T Exclude<T>(Func<T> hostWork)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            return hostWork();
        }
        finally
        {
            _excludedTicks += Stopwatch.GetTimestamp() - started;
        }
    }
}
