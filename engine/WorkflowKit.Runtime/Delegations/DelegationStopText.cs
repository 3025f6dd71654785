using WorkflowKit.Definitions;

namespace WorkflowKit.Runtime.Delegations;

/// <summary>
/// Audit comments that say why a delegation route stopped and who holds the task, in Chinese and English, so that the
/// audit trail shows the reason next to a <c>task.delegationSkipped</c> or <c>task.escalated</c> line.
/// </summary>
internal static class DelegationStopText
{
    /// <summary>Words why the route did not give the task to <see cref="DelegationRoute.StoppedAt"/>.</summary>
    public static LocalizedText Skipped(DelegationRoute route, Func<string, string> nameOf)
    {
        var (chineseReason, englishReason) = Reason(route, nameOf);
        var skipped = nameOf(route.StoppedAt!);
        var holder = nameOf(route.Assignee);
        return new LocalizedText(
            $"未交给代理人 {skipped}，因为 {chineseReason}；任务由 {holder} 处理。",
            $"Not given to the delegate {skipped}, because {englishReason}. {holder} holds the task.");
    }

    /// <summary>
    /// Words an escalation to <paramref name="target"/>, who is away: the delegate who holds the task now, or, when the
    /// route stopped at someone away, the former assignee who keeps the task beside them.
    /// </summary>
    public static LocalizedText Escalated(
        string target, DelegationRoute route, string from, bool formerAssigneeKeeps, Func<string, string> nameOf)
    {
        var targetName = nameOf(target);
        var holder = nameOf(route.Assignee);
        if (!formerAssigneeKeeps)
        {
            return route.Assignee == from
                ? new LocalizedText(
                    $"升级对象 {targetName} 不在，其代理人 {holder} 即原处理人，任务仍由 {holder} 代 {targetName} 处理。",
                    $"The escalation target {targetName} is away, and their delegate is {holder}, who held the task, " +
                    $"so {holder} keeps it on behalf of {targetName}.")
                : new LocalizedText(
                    $"升级对象 {targetName} 不在，任务交给其代理人 {holder}。",
                    $"The escalation target {targetName} is away, so the task went to their delegate {holder}.");
        }

        var (chineseReason, englishReason) = Reason(route, nameOf);
        var fromName = nameOf(from);
        return new LocalizedText(
            $"升级对象 {targetName} 不在，未交给代理人 {nameOf(route.StoppedAt!)}，因为 {chineseReason}；" +
            $"任务仍留在 {fromName} 处，{holder} 也收到任务，任一人处理即可。",
            $"The escalation target {targetName} is away, and the task was not given to the delegate " +
            $"{nameOf(route.StoppedAt!)}, because {englishReason}. {fromName} keeps the task and {holder} " +
            "gets it too; the first of them to decide settles it.");
    }

    private static (string Chinese, string English) Reason(DelegationRoute route, Func<string, string> nameOf)
    {
        var skipped = nameOf(route.StoppedAt!);
        return route.StopReason switch
        {
            DelegationStops.Cycle => ($"{skipped} 已在这条代理链中", $"{skipped} is already in the delegation chain"),
            DelegationStops.Initiator => ($"{skipped} 是本次提交的发起人", $"{skipped} started this submission"),
            _ => ($"{skipped} 已参与此步骤", $"{skipped} already takes part in this step"),
        };
    }
}
