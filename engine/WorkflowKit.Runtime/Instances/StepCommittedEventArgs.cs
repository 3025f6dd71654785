namespace WorkflowKit.Runtime.Instances;

/// <summary>
/// A committed engine step: which instance changed, in which step ("start", "act", "timer",
/// "schedule", …), and which users' task lists or notifications it may have changed: the
/// initiator, every assignee of the instance's tasks and every user notified in the step.
/// </summary>
public sealed class StepCommittedEventArgs(string instanceId, string step, IReadOnlySet<string> users) : EventArgs
{
    public string InstanceId { get; } = instanceId;

    public string Step { get; } = step;

    public IReadOnlySet<string> Users { get; } = users;
}
