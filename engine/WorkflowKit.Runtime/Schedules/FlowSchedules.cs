namespace WorkflowKit.Runtime.Schedules;

/// <summary>The schedule triggers of a flow's latest published version and the flow's latest scheduled run.</summary>
/// <param name="FlowKey">The flow.</param>
/// <param name="FlowVersion">The published version that the schedules and a run now start.</param>
/// <param name="Schedules">One entry per schedule trigger, in the order of the flow's triggers.</param>
/// <param name="LastRun">The newest instance that a schedule or a run now started, null before the first.</param>
public sealed record FlowSchedules(
    string FlowKey,
    int FlowVersion,
    IReadOnlyList<ScheduleStatus> Schedules,
    ScheduleRun? LastRun);
