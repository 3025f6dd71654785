using System.Diagnostics;
using Jint;

namespace WorkflowKit.Expressions.Internal;

/// <summary>
/// The script time limit, counted mostly as the processor time of the thread that runs the script, so time the
/// thread spends waiting for a processor on a busy machine does not stop it. Host work done for the script
/// (<c>records.query</c>) does not count either; Jint's own time constraint counts both. Wall-clock time, less
/// that host work, is capped at <see cref="WallClockAllowance"/> times the limit, so a thread that hardly runs
/// still ends.
/// </summary>
/// <remarks>
/// Reading the thread's processor time is a system call, which would cost more than a short condition takes.
/// So the first quarter of the limit is counted in wall-clock time, and the processor clock is read only once
/// a run lasts that long. After that it is read again each time the wall clock shows that the limit could
/// have been reached, because processor time cannot grow faster than wall-clock time. Where the platform
/// gives no thread processor time, the whole limit is wall-clock time.
/// </remarks>
internal sealed class ScriptClockConstraint(TimeSpan limit) : Constraint
{
    /// <summary>How many times the limit a run may take in wall-clock time, less the host work it excludes.</summary>
    public const int WallClockAllowance = 10;

    private readonly long _limitTicks = (long)(limit.TotalSeconds * Stopwatch.Frequency);
    private long _startedAt = Stopwatch.GetTimestamp();
    private long _excludedTicks;
    private long _nextCheckAt;
    private bool _onProcessorClock;
    private TimeSpan _processorAtSwitch;
    private TimeSpan _wallBeforeSwitch;
    private TimeSpan _excludedProcessor;

    public override void Check()
    {
        var now = Stopwatch.GetTimestamp();
        if (now <= _nextCheckAt)
        {
            return;
        }

        var wall = now - _startedAt - _excludedTicks;
        if (!_onProcessorClock)
        {
            SwitchToProcessorClock(now, wall);
            return;
        }

        if (wall > _limitTicks * WallClockAllowance || !ThreadCpuClock.TryRead(out var processor))
        {
            throw new TimeoutException();
        }

        var used = _wallBeforeSwitch + (processor - _processorAtSwitch - _excludedProcessor);
        if (used >= limit)
        {
            throw new TimeoutException();
        }

        _nextCheckAt = now + Ticks(limit - used);
    }

    public override void Reset()
    {
        _startedAt = Stopwatch.GetTimestamp();
        _nextCheckAt = _startedAt + (_limitTicks / 4);
        _excludedTicks = 0;
        _onProcessorClock = false;
        _excludedProcessor = TimeSpan.Zero;
    }

    /// <summary>Runs host work whose duration does not count against the script's limit.</summary>
    public T Exclude<T>(Func<T> hostWork)
    {
        var started = Stopwatch.GetTimestamp();
        var processorBefore = TimeSpan.Zero;
        var onProcessorClock = _onProcessorClock && ThreadCpuClock.TryRead(out processorBefore);
        try
        {
            return hostWork();
        }
        finally
        {
            var took = Stopwatch.GetTimestamp() - started;
            _excludedTicks += took;
            _nextCheckAt += took;
            if (onProcessorClock && ThreadCpuClock.TryRead(out var processorAfter))
            {
                _excludedProcessor += processorAfter - processorBefore;
            }
        }
    }

    /// <summary>
    /// Counts the rest of the run on the processor clock, and the time so far as wall-clock time. That part is
    /// at most a quarter of the limit: a later first check means the thread was waiting. Where the platform
    /// gives no thread processor time, the run stays on the wall clock.
    /// </summary>
    private void SwitchToProcessorClock(long now, long wall)
    {
        var quarter = _limitTicks / 4;
        if (wall > _limitTicks * WallClockAllowance)
        {
            throw new TimeoutException();
        }

        if (!ThreadCpuClock.TryRead(out _processorAtSwitch))
        {
            if (wall > _limitTicks)
            {
                throw new TimeoutException();
            }

            _nextCheckAt = now + (_limitTicks - wall);
            return;
        }

        _onProcessorClock = true;
        _wallBeforeSwitch = TimeSpan.FromSeconds((double)Math.Min(wall, quarter) / Stopwatch.Frequency);
        _nextCheckAt = now + Ticks(limit - _wallBeforeSwitch);
    }

    private static long Ticks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);
}
