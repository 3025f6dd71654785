namespace WorkflowKit.Runtime.Diagnostics;

/// <summary>
/// A test hook called before and after every step commit and every outbox delivery. Throwing
/// from it stops the engine at that point, as a process crash would: an exception before a commit
/// rolls the step back; one after a commit or a delivery leaves the work done but unacknowledged.
/// </summary>
public interface IFaultInjector
{
    /// <param name="point">Where the engine stands.</param>
    /// <param name="subject">What it works on: a step kind and instance id, or an outbox message id.</param>
    void At(FaultPoint point, string subject);
}
