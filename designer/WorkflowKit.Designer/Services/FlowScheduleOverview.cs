using WorkflowKit.Runtime.Schedules;

namespace WorkflowKit.Designer.Services;

/// <summary>
/// The schedules of a flow's latest published version and its newest scheduled run, as the flow designer's Schedule
/// tab and <c>GET /api/definitions/flows/{key}/schedules</c> show them. Run times are UTC; each schedule's
/// <see cref="ScheduleStatus.TimeZone"/> gives the local time.
/// </summary>
/// <param name="FlowKey">The flow.</param>
/// <param name="FlowVersion">The published version that the schedules and a run now start.</param>
/// <param name="Schedules">One entry per schedule trigger; empty when the version has none.</param>
/// <param name="LastRun">The newest instance that a schedule or a run now started, null before the first.</param>
/// <param name="LastRunByHand">Whether a person started <paramref name="LastRun"/> with "run now".</param>
public sealed record FlowScheduleOverview(
    string FlowKey,
    int FlowVersion,
    IReadOnlyList<ScheduleStatus> Schedules,
    InstanceSummary? LastRun,
    bool LastRunByHand);
