namespace WorkflowKit.Designer.Localization;

/// <summary>
/// Simplified Chinese text of the instance page's messages for a rejected withdrawal or urge
/// (<see cref="Portal.InstanceActionErrorText"/>) and of an administrator's cancellation, merged into <see cref="ChineseStrings.Values"/>.
/// </summary>
public static class InstanceActionChineseStrings
{
    public static IReadOnlyDictionary<string, string> Values { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Cancel submission"] = "撤销申请",
        ["Close"] = "关闭",
        ["Cancel this submission?"] = "撤销此申请？",
        ["The submission ends as cancelled and its open tasks are cancelled. The initiator and the people handling it see your reason. This cannot be undone."] =
            "此申请将以“已取消”结束，未完成的任务一并取消。发起人和处理人会看到你填写的原因。此操作不能撤销。",
        ["{0} failed: a task of a sub-flow of this submission, such as a warehouse's shipment, is already completed, so it can no longer be withdrawn. An administrator can cancel the submission instead."] =
            "{0}失败：此申请的子流程（如仓库发货）已有任务办结，不能再撤回。可以请管理员撤销此申请。",
        ["{0} failed: someone has already acted on a task of this submission, so it can no longer be withdrawn. Ask the person now handling it to return or reject it."] =
            "{0}失败：此申请的任务已有人处理，不能再撤回。请联系当前处理人退回或驳回此申请。",
        ["{0} failed: the flow \"{1}\" does not allow withdrawing a submission. Ask the person now handling it to return or reject it."] =
            "{0}失败：流程“{1}”不允许撤回申请。请联系当前处理人退回或驳回此申请。",
        ["{0} failed: this submission has already ended as \"{1}\". The page now shows how it ended."] =
            "{0}失败：此申请已结束，状态为“{1}”。页面已显示它的结束情况。",
        ["{0} failed: someone changed this submission at the same time. The page now shows its current state; try again if it still applies."] =
            "{0}失败：有人同时更改了此申请。页面已显示它的最新状态；如果仍然需要，请重试。",
        ["{0} failed: only {1}, who started this submission, can do this. Ask them to do it."] =
            "{0}失败：只有此申请的发起人 {1} 可以执行此操作。请联系发起人处理。",
        ["{0} failed: only the person who started this submission can do this. Ask them to do it."] =
            "{0}失败：只有此申请的发起人可以执行此操作。请联系发起人处理。",
        ["{0} failed: the step \"{1}\", which undoes this submission's automatic steps when it is withdrawn, failed, so nothing was withdrawn and the submission continues as before. Ask the owner of the flow \"{2}\" to fix that step. Details: {3}"] =
            "{0}失败：撤回时用于撤销自动步骤的步骤“{1}”执行失败，因此没有撤回，申请照常继续。请联系流程“{2}”的负责人修正该步骤。详情：{3}",
        ["{0} failed: you already urged everyone now handling this submission in the last few minutes, so nobody was notified again. You can urge again in {1} minutes."] =
            "{0}失败：你几分钟前已催办过此申请的当前处理人，本次没有再次通知。请在 {1} 分钟后再催办。",
        ["{0} failed: this submission no longer exists. Open your submissions from \"{1}\" to see the current ones."] =
            "{0}失败：此申请已不存在。请从“{1}”打开你的申请查看最新情况。",
    };
}
