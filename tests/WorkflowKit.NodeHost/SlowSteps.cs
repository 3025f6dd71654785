using WorkflowKit.Runtime.Diagnostics;

namespace WorkflowKit.NodeHost;

/// <summary>
/// Makes every step of this node take at least <paramref name="delay"/> before it commits, so that
/// a test can kill the node while it holds leases on claimed timers.
/// </summary>
internal sealed class SlowSteps(TimeSpan delay) : IFaultInjector
{
    public void At(FaultPoint point, string subject)
    {
        if (point == FaultPoint.BeforeCommit && delay > TimeSpan.Zero)
        {
            Thread.Sleep(delay);
        }
    }
}
