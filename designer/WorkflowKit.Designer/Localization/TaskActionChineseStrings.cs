namespace WorkflowKit.Designer.Localization;

/// <summary>
/// Simplified Chinese text of the task page's messages for rejected task actions
/// (<see cref="Portal.TaskActionErrorText"/>), merged into <see cref="ChineseStrings.Values"/>.
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
        ["already has an open task at this step"] = "在此节点已有待办任务",
        ["is already added as a signer after an approver of this step"] = "已被加签为此节点某位审批人之后的审批人",
        ["has already approved at this step"] = "已在此节点审批通过",
        ["has a task at this step that waits until the signer added before them approves"] =
            "在此节点的任务正等待其前加签人审批",
        ["is still to approve later in this step's order"] = "在此节点的依次审批中排在后面，尚未轮到",
        ["already takes part in this step"] = "已参与此节点",
    };
}
