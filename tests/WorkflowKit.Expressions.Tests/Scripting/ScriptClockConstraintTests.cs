using System.Diagnostics;
using WorkflowKit.Expressions.Internal;

namespace WorkflowKit.Expressions.Tests.Scripting;

/// <summary>
/// The script time limit counts the thread's processor time: a thread that waits (as it does when the machine
/// is busy) keeps running up to a wall-clock cap, and a thread that computes is stopped at the limit.
/// </summary>
[TestFixture]
public sealed class ScriptClockConstraintTests
{
    [OneTimeSetUp]
    public void RequireThreadClock()
    {
        if (OperatingSystem.IsLinux())
        {
            Assert.That(ThreadCpuClock.TryRead(out _), Is.True, "Linux gives every thread a processor clock");
        }
        else if (!ThreadCpuClock.TryRead(out _))
        {
            Assert.Ignore("This platform gives no thread processor time; the limit is wall-clock time there.");
        }
    }

    [Test]
    public void Waiting_thread_keeps_running()
    {
        var constraint = new ScriptClockConstraint(TimeSpan.FromMilliseconds(100));
        constraint.Reset();

        Thread.Sleep(300);

        Assert.DoesNotThrow(constraint.Check);
    }

    [Test]
    public void Busy_thread_stops_at_limit()
    {
        var limit = TimeSpan.FromMilliseconds(100);
        var constraint = new ScriptClockConstraint(limit);
        constraint.Reset();
        ThreadCpuClock.TryRead(out var before);
        var wall = Stopwatch.StartNew();

        Assert.Throws<TimeoutException>(() =>
        {
            while (wall.Elapsed < TimeSpan.FromSeconds(5))
            {
                constraint.Check();
            }
        });

        // The first quarter of the limit counts in wall-clock time, the rest in processor time.
        ThreadCpuClock.TryRead(out var after);
        Assert.That(after - before, Is.GreaterThanOrEqualTo(limit * 0.75), "processor time used before the stop");
    }

    [Test]
    public void First_quarter_counts_wall_clock()
    {
        var constraint = new ScriptClockConstraint(TimeSpan.FromMilliseconds(200));
        constraint.Reset();
        Thread.Sleep(400);
        constraint.Check();

        UseProcessor(TimeSpan.FromMilliseconds(100));
        Assert.DoesNotThrow(constraint.Check, "50 ms counted for the wait and 100 ms of processor time");

        UseProcessor(TimeSpan.FromMilliseconds(100));
        Assert.Throws<TimeoutException>(constraint.Check, "50 ms counted for the wait and 200 ms of processor time");
    }

    [Test]
    public void Wall_clock_cap_stops_waiting_thread()
    {
        var limit = TimeSpan.FromMilliseconds(20);
        var constraint = new ScriptClockConstraint(limit);
        constraint.Reset();

        Thread.Sleep(limit * (ScriptClockConstraint.WallClockAllowance + 5));

        Assert.Throws<TimeoutException>(constraint.Check);
    }

    [Test]
    public void Excluded_host_work_not_counted()
    {
        var constraint = new ScriptClockConstraint(TimeSpan.FromMilliseconds(50));
        constraint.Reset();

        constraint.Exclude(() => Spin(TimeSpan.FromMilliseconds(200)));

        Assert.DoesNotThrow(constraint.Check);
    }

    /// <summary>Computes until this thread has used <paramref name="duration"/> of processor time, however busy the machine.</summary>
    private static void UseProcessor(TimeSpan duration)
    {
        ThreadCpuClock.TryRead(out var start);
        var used = TimeSpan.Zero;
        while (used < duration)
        {
            Spin(TimeSpan.FromMilliseconds(1));
            ThreadCpuClock.TryRead(out var now);
            used = now - start;
        }
    }

    private static int Spin(TimeSpan duration)
    {
        var wall = Stopwatch.StartNew();
        var turns = 0;
        while (wall.Elapsed < duration)
        {
            turns++;
        }

        return turns;
    }
}
