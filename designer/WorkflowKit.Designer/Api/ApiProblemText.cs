using System.Globalization;
using WorkflowKit.Runtime;
using WorkflowKit.Runtime.Instances;
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
