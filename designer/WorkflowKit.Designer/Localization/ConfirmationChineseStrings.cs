namespace WorkflowKit.Designer.Localization;

/// <summary>
/// Simplified Chinese text of the dialog that requests a reason before reject, return, withdraw and urge
/// (<see cref="Portal.ActionReasonDialog"/>), merged into <see cref="ChineseStrings.Values"/>.
/// </summary>
public static class ConfirmationChineseStrings
{
    public static IReadOnlyDictionary<string, string> Values { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Reason"] = "原因",
        ["Reason (optional)"] = "原因（可选）",
        ["Enter a reason. The person affected reads it."] = "请填写原因，相关人员会看到它。",
        ["Reject this submission?"] = "确定驳回此申请？",
        ["Your rejection at \"{0}\" is recorded with your reason in the audit trail and cannot be undone."] =
            "你在“{0}”的驳回及原因会记入审计记录，驳回后不能撤销。",
        ["Return this submission to {0}?"] = "确定将此申请退回给{0}？",
        ["the previous step"] = "上一步",
        ["The task goes back with your reason, which its assignee reads in the notification and on the task. It cannot be undone."] =
            "任务将连同你的原因一起退回，处理人会在通知和任务页看到原因。退回后不能撤销。",
        ["Withdraw this submission?"] = "确定撤回此申请？",
        ["The submission ends as withdrawn and its open tasks are cancelled. This cannot be undone. Start a new submission if it is needed again."] =
            "申请将以“已撤回”结束，未处理的任务会被取消。撤回后不能恢复。如仍需要，请重新发起申请。",
        ["Urge the people handling this submission?"] = "确定催办此申请？",
        ["{0} will get a notification that names this submission and you. Each person can be urged once every {1} minutes."] =
            "{0} 会收到一条写明此申请和你的名字的通知。每位处理人每 {1} 分钟只能催办一次。",
        ["Message (optional)"] = "留言（可选）",
        ["Returned"] = "已退回",
        ["Times in {0}"] = "时间按 {0} 时区显示",
    };
}
