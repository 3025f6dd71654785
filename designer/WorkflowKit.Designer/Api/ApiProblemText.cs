using System.Globalization;
using WorkflowKit.Runtime;
using WorkflowKit.Runtime.Instances;
using WorkflowKit.Runtime.Schedules;
using WorkflowKit.Runtime.Tasks;
using WorkflowKit.Storage;

namespace WorkflowKit.Designer.Api;

/// <summary>
/// Codes and Simplified Chinese details of API problem replies for engine exceptions whose English message the engine
/// writes. The Chinese text is built from the exception's typed properties. Where it is null, every caller gets the
/// English message.
/// </summary>
internal static class ApiProblemText
{
    public static string CodeOf(InstanceActionError error) => error switch
    {
        InstanceActionError.WithdrawNotAllowed => "withdraw-not-allowed",
        InstanceActionError.AlreadyActed => "instance-already-acted",
        InstanceActionError.WithdrawalPathFailed => "withdrawal-path-failed",
        InstanceActionError.CancellationPathFailed => "cancellation-path-failed",
        InstanceActionError.UrgedTooRecently => "urged-too-recently",
        _ => "conflict",
    };

    public static string CodeOf(TaskActionError error) => error switch
    {
        TaskActionError.UnknownAction => "action-unknown",
        TaskActionError.ActionNotOffered => "action-not-offered",
        TaskActionError.TargetUserMissing => "target-user-missing",
        TaskActionError.TargetUserNotFound => "target-user-not-found",
        TaskActionError.TargetIsAssignee => "target-is-assignee",
        TaskActionError.TargetTakesPart => "target-takes-part",
        TaskActionError.TargetIsInitiator => "target-is-initiator",
        TaskActionError.CopiesSelf => "copies-self",
        TaskActionError.InvalidSignerPosition => "signer-position-invalid",
        TaskActionError.InvalidReturnTarget => "return-target-invalid",
        TaskActionError.NoEarlierNode => "no-earlier-node",
        _ => "bad-request",
    };

    /// <summary>Returns the Chinese detail of a rejected withdrawal or urge, or null to keep the English one.</summary>
    public static string? Chinese(InstanceActionException error, long retryAfterSeconds) => error.Error switch
    {
        InstanceActionError.WithdrawNotAllowed =>
            $"流程“{error.FlowKey}”不允许撤回申请；请联系当前处理人退回或驳回此申请。",
        InstanceActionError.AlreadyActed =>
            $"流程实例 {error.InstanceId} 的任务已有人处理，不能再撤回；请联系当前处理人退回或驳回，或请管理员取消此申请。",
        InstanceActionError.UrgedTooRecently =>
            $"你刚刚已催办过流程实例 {error.InstanceId} 的全部当前处理人，本次没有再次通知；请在 {retryAfterSeconds} 秒后再催办。",
        _ => null,
    };

    /// <summary>Returns the Chinese detail of a rejected task action, built from the exception's typed properties.</summary>
    public static string Chinese(TaskActionException error)
    {
        var action = error.Action is null ? "此操作" : $"操作“{error.Action}”";
        var task = error.TaskId is null ? "此任务" : $"任务 {error.TaskId}";
        var target = error.TargetUserId ?? "所选的人";
        return error.Error switch
        {
            TaskActionError.UnknownAction or TaskActionError.ActionNotOffered =>
                $"{task}的当前节点不提供{action}；请用 GET /api/tasks/{{id}} 查看此任务可用的操作后重新发送。",
            TaskActionError.TargetUserMissing => $"{action}需要指定人员；请把 targetUserId 设为该人员的用户 ID。",
            TaskActionError.TargetUserNotFound =>
                $"用户“{target}”不在组织目录中（{action}的 targetUserId）；请改为已有用户的 ID。",
            TaskActionError.TargetIsAssignee => $"{target} 已是{task}的处理人；请把 targetUserId 设为其他人。",
            TaskActionError.TargetTakesPart => $"{target} 已参与此节点的审批；请把 targetUserId 设为尚未参与此节点的人。",
            TaskActionError.TargetIsInitiator =>
                $"{target} 是此申请的发起人，不能在此节点审批自己的申请；请把 targetUserId 设为其他人。",
            TaskActionError.CopiesSelf => $"不能在{task}上抄送给自己；请选择其他要通知的人。",
            TaskActionError.InvalidSignerPosition =>
                "signerPosition 无效；请把它设为 \"before\" 或 \"after\"，或不填并发送 action \"addSigner\"。",
            TaskActionError.InvalidReturnTarget =>
                $"退回的目标节点不是{task}之前的节点；请把 targetNodeId 设为此任务之前的节点，或不填以退回上一节点。",
            TaskActionError.NoEarlierNode => $"{task}的节点之前没有可退回的节点；请改用 reject（驳回）或 comment（评论）。",
            _ => $"{action}的请求无效；请检查请求体后重新发送。",
        };
    }

    /// <summary>Returns the Chinese detail of a run now of a flow without a schedule, or of a blocked migration.</summary>
    public static string Chinese(InvalidOperationException error) => error switch
    {
        ScheduleMissingException missing =>
            $"流程“{missing.FlowKey}”的已发布版本没有定时触发器，不能按定时流程运行；请改从表单或 API 发起。",
        _ => "迁移计划有问题，因此没有做任何更改；请在流程实例页面查看迁移预览列出的问题，处理后再迁移。",
    };

    /// <summary>
    /// Returns the code and Chinese detail of a conflict: a task that is no longer open, an instance that has ended,
    /// or another change that came first, which keeps the engine's English message.
    /// </summary>
    public static (string Code, string? Chinese) Describe(ConcurrencyConflictException error)
    {
        var subject = error.Subject ?? string.Empty;
        if (subject.StartsWith("task ", StringComparison.Ordinal) && error.CurrentStatus is { } taskStatus)
        {
            var by = error.ChangedBy is null
                ? string.Empty
                : $"（{error.ChangedBy}{(error.ChangedAt is { } at ? " 于 " + Utc(at) : string.Empty)} 处理）";
            return ("task-closed", $"任务 {subject[5..]} {StatusWord(taskStatus)}{by}；请刷新待办列表。");
        }

        if (subject.StartsWith("instance ", StringComparison.Ordinal) && error.CurrentStatus is { } instanceStatus)
        {
            var id = subject[9..];
            return ("instance-ended",
                $"流程实例 {id} {StatusWord(instanceStatus)}，不再接受任何操作；请用 GET /api/instances/{id} 查看它的结束情况。");
        }

        if (subject.StartsWith("record ", StringComparison.Ordinal))
        {
            var by = error.ChangedBy ?? "?";
            var at = error.ChangedAt is { } changed ? " 于 " + Utc(changed) : string.Empty;
            return ("record-changed",
                $"记录 {subject[7..]} 已被 {by}{at} 修改（现为版本 {error.ActualVersion}，你编辑的是版本 " +
                $"{error.ExpectedVersion}）；请重新加载记录，再做一次你的修改。");
        }

        if (subject.StartsWith("incident ", StringComparison.Ordinal))
        {
            return ("incident-resolved", $"异常事件 {subject[9..]} 已经处理；请刷新流程实例查看它的当前状态。");
        }

        return ("conflict", null);
    }

    private static string StatusWord(string status) => status switch
    {
        TaskStatuses.Completed => "已完成",
        TaskStatuses.Cancelled => "已取消",
        InstanceStatuses.Rejected => "已驳回",
        InstanceStatuses.Withdrawn => "已撤回",
        _ => "状态为 " + status,
    };

    private static string Utc(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC";
}
