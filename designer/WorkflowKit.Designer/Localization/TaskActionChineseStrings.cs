namespace WorkflowKit.Designer.Localization;

/// <summary>
/// Simplified Chinese text of the task and start pages' messages for rejected task actions and starts
/// (<see cref="Portal.TaskActionErrorText"/> and <see cref="Portal.ServiceErrorText"/>), merged into <see cref="ChineseStrings.Values"/>.
/// </summary>
public static class TaskActionChineseStrings
{
    public static IReadOnlyDictionary<string, string> Values { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["{0} failed: choose a person in \"{1}\" first."] = "{0}失败：请先在“{1}”中选择人员。",
        ["{0} failed: {1} started this submission and may not decide it at this step. Choose another person in \"{2}\"."] =
            "{0}失败：{1} 是这份申请的发起人，不能办理这一步。请在“{2}”中选择其他人员。",
        ["{0} failed: {1}, chosen in \"{2}\", is not a user of the organisation. Choose another person in \"{2}\" and try again."] =
            "{0}失败：“{2}”中选择的 {1} 不是组织中的用户。请在“{2}”中另选人员后重试。",
        ["{0} failed: this task is already assigned to {1}. Choose the person who should take it over in \"{2}\"."] =
            "{0}失败：此任务已分配给 {1}。请在“{2}”中选择接手此任务的人员。",
        ["{0} failed: {1} is the approver of this task and cannot also be added as a signer. Choose another person in \"{2}\"."] =
            "{0}失败：{1} 是此任务的审批人，不能再被加签。请在“{2}”中选择其他人员。",
        ["{0} failed: {1} {2}. Choose someone in \"{3}\" who does not take part in this step yet."] =
            "{0}失败：{1} {2}。请在“{3}”中选择尚未参与此节点的人员。",
        ["{0} failed: you cannot copy yourself. Choose another person in \"{1}\"."] =
            "{0}失败：不能抄送给自己。请在“{1}”中选择其他人员。",
        ["{0} failed: this step does not offer this action. Reload the page to see the actions you can take."] =
            "{0}失败：此节点不提供该操作。请刷新页面查看你可以执行的操作。",
        ["{0} failed: the position of the added signer is not valid. Reload the page and try again."] =
            "{0}失败：加签位置无效。请刷新页面后重试。",
        ["{0} failed: this step has no earlier step to return to. Choose \"{1}\" or \"{2}\" instead."] =
            "{0}失败：此节点之前没有可退回的节点。请改用“{1}”或“{2}”。",
        ["{0} failed: the step to return to is not an earlier step of this task. Reload the page and try again."] =
            "{0}失败：要退回的节点不是此任务之前的节点。请刷新页面后重试。",
        ["{0} failed: {1}"] = "{0}失败：{1}",
        ["{0} failed: correct these fields and try again: {1}"] = "{0}失败：请修改以下字段后重试：{1}",
        ["{0} failed: the comment is longer than {1} characters or contains text direction control characters. Shorten it or remove those characters, and try again."] =
            "{0}失败：意见超过 {1} 个字符，或含有文字方向控制字符。请缩短意见或删除这些字符后重试。",
        ["{0} failed: the server did not accept the request. Reload the page and try again; if it fails again, tell an administrator the time, because the details are in the log."] =
            "{0}失败：服务器没有接受此请求。请刷新页面后重试；如果仍然失败，请把发生时间告诉管理员，详细信息记录在日志中。",
        ["{0} failed: {1} acted on this task first, so it is now \"{2}\". The page now shows its current state."] =
            "{0}失败：{1} 已先处理了此任务，任务现在为“{2}”。页面已显示它的最新状态。",
        ["{0} failed: this task is already \"{1}\". The page now shows its current state."] =
            "{0}失败：此任务已是“{1}”状态。页面已显示它的最新状态。",
        ["{0} failed: this task no longer exists. Open \"{1}\" to see your current tasks."] =
            "{0}失败：此任务已不存在。请打开“{1}”查看你当前的任务。",
        ["{0} failed: you may not start this flow here. Choose one of the flows that \"{1}\" lists."] =
            "{0}失败：你不能在这里发起此流程。请从“{1}”列出的流程中选择。",
        ["{0} failed: this task is assigned to {1}, so only they can act on it. Open \"{2}\" to see your own tasks."] =
            "{0}失败：此任务的处理人是 {1}，只有处理人可以办理。请打开“{2}”查看你自己的任务。",
        ["{0} failed: your account may not do this. Ask an administrator for the access if you need it."] =
            "{0}失败：你的账号无权执行此操作。如有需要，请向管理员申请权限。",
        ["already has an open task at this step"] = "在此节点已有待办任务",
        ["is already added as a signer after an approver of this step"] = "已被加签为此节点某位审批人之后的审批人",
        ["has already approved at this step"] = "已在此节点审批通过",
        ["has a task at this step that waits until the signer added before them approves"] =
            "在此节点的任务正等待其前加签人审批",
        ["is still to approve later in this step's order"] = "在此节点的依次审批中排在后面，尚未轮到",
        ["already takes part in this step"] = "已参与此节点",
    };
}
