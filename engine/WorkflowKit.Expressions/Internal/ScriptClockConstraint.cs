using System.Diagnostics;
using Jint;

namespace WorkflowKit.Expressions.Internal;

/// <summary>
/// The script time limit, counted as the processor time of the thread that runs the script. Time the thread
/// spends waiting for a processor on a busy machine does not count, and neither does host work done for the
/// script (<c>records.query</c>), which Jint's own time constraint counts. Wall-clock time, less that host work,
/// is capped at <see cref="WallClockAllowance"/> times the limit, so a thread that hardly runs still ends.
/// </summary>
/// <remarks>
/// Each check reads only the wall clock. The thread's processor time, a system call, is read once per run and
/// again only when the wall clock shows that the limit could have been reached, because processor time cannot grow
/// faster than wall-clock time. Where the platform gives no thread processor time, the limit is wall-clock time.
/// </remarks>
internal sealed class ScriptClockConstraint(TimeSpan limit) : Constraint
{
    /// <summary>How many times the limit a run may take in wall-clock time, less the host work it excludes.</summary>
    public const int WallClockAllowance = 10;

    private readonly long _limitTicks = (long)(limit.TotalSeconds * Stopwatch.Frequency);
    private long _startedAt = Stopwatch.GetTimestamp();
    private long _excludedTicks;
    private long _nextCheckAt;
    private bool _processorTimeKnown;
    private TimeSpan _processorAtStart;
    private TimeSpan _excludedProcessor;

    public override void Check()
    {
        var now = Stopwatch.GetTimestamp();
        if (now <= _nextCheckAt)
        {
            return;
        }

        var wall = now - _startedAt - _excludedTicks;
        if (wall <= _limitTicks)
        {
            _nextCheckAt = now + (_limitTicks - wall);
            return;
        }

        if (wall > _limitTicks * WallClockAllowance || !_processorTimeKnown || !ThreadCpuClock.TryRead(out var processor))
        {
            throw new TimeoutException();
        }

        var used = processor - _processorAtStart - _excludedProcessor;
        if (used >= limit)
        {
            throw new TimeoutException();
        }

        _nextCheckAt = now + (long)((limit - used).TotalSeconds * Stopwatch.Frequency);
    }

    public override void Reset()
    {
        _startedAt = Stopwatch.GetTimestamp();
        _nextCheckAt = _startedAt + _limitTicks;
        _excludedTicks = 0;
        _excludedProcessor = TimeSpan.Zero;
        _processorTimeKnown = ThreadCpuClock.TryRead(out _processorAtStart);
    }

    /// <summary>Runs host work whose duration does not count against the script's limit.</summary>
    public T Exclude<T>(Func<T> hostWork)
    {
        var started = Stopwatch.GetTimestamp();
        var processorBefore = TimeSpan.Zero;
        var processorKnown = _processorTimeKnown && ThreadCpuClock.TryRead(out processorBefore);
        try
        {
            return hostWork();
        }
        finally
        {
            var took = Stopwatch.GetTimestamp() - started;
            _excludedTicks += took;
            _nextCheckAt += took;
            if (processorKnown && ThreadCpuClock.TryRead(out var processorAfter))
            {
                _excludedProcessor += processorAfter - processorBefore;
            }
        }
    }
}
