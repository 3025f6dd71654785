using WorkflowKit.Designer.Localization;
using WorkflowKit.Designer.Portal;
using WorkflowKit.Designer.Services;
using TaskActionError = WorkflowKit.Runtime.Tasks.TaskActionError;
using TaskActionException = WorkflowKit.Runtime.Tasks.TaskActionException;
using TaskParticipation = WorkflowKit.Runtime.Tasks.TaskParticipation;

namespace WorkflowKit.Designer.Tests.Portal;

/// <summary>
/// Every reason the engine gives for rejecting a task action has a Chinese text on the task page that names the
/// page's labels and gives the next step, never a request field of the API.
/// </summary>
[TestFixture]
public sealed class TaskActionErrorTextTests
{
    private static readonly Dictionary<string, string> Names = new(StringComparer.Ordinal) { ["finance1"] = "刘洋" };

    private static IEnumerable<TestCaseData> ChineseCases()
    {
        yield return Case(TaskActionError.TargetUserMissing, TaskActions.Transfer, null, null,
            "转交失败：请先在“人员”中选择人员。");
        yield return Case(TaskActionError.TargetUserNotFound, TaskActions.AddSignerAfter, "ghost", null,
            "在我之后加签失败：“人员”中选择的 ghost 不是组织中的用户。请在“人员”中另选人员后重试。");
        yield return Case(TaskActionError.TargetIsAssignee, TaskActions.Transfer, "finance1", null,
            "转交失败：此任务已分配给 刘洋。请在“人员”中选择接手此任务的人员。");
        yield return Case(TaskActionError.TargetIsAssignee, TaskActions.AddSignerBefore, "finance1", null,
            "在我之前加签失败：刘洋 是此任务的审批人，不能再被加签。请在“人员”中选择其他人员。");
        yield return Case(TaskActionError.TargetTakesPart, TaskActions.Transfer, "finance1", TaskParticipation.QueuedSigner,
            "转交失败：刘洋 已被加签为此节点某位审批人之后的审批人。请在“人员”中选择尚未参与此节点的人员。");
        yield return Case(TaskActionError.TargetTakesPart, TaskActions.Transfer, "finance1", TaskParticipation.Approved,
            "转交失败：刘洋 已在此节点审批通过。请在“人员”中选择尚未参与此节点的人员。");
        yield return Case(TaskActionError.TargetTakesPart, TaskActions.Transfer, "finance1", TaskParticipation.SetAside,
            "转交失败：刘洋 在此节点的任务正等待其前加签人审批。请在“人员”中选择尚未参与此节点的人员。");
        yield return Case(TaskActionError.TargetTakesPart, TaskActions.Transfer, "finance1",
            TaskParticipation.LaterInSequence,
            "转交失败：刘洋 在此节点的依次审批中排在后面，尚未轮到。请在“人员”中选择尚未参与此节点的人员。");
        yield return Case(TaskActionError.TargetIsInitiator, TaskActions.Transfer, "finance1", null,
            "转交失败：刘洋 是这份申请的发起人，不能办理这一步。请在“人员”中选择其他人员。");
        yield return Case(TaskActionError.CopiesSelf, TaskActions.CarbonCopy, "finance1", null,
            "抄送失败：不能抄送给自己。请在“人员”中选择其他人员。");
        yield return Case(TaskActionError.ActionNotOffered, TaskActions.Reject, null, null,
            "驳回失败：此节点不提供该操作。请刷新页面查看你可以执行的操作。");
        yield return Case(TaskActionError.UnknownAction, TaskActions.Reject, null, null,
            "驳回失败：此节点不提供该操作。请刷新页面查看你可以执行的操作。");
        yield return Case(TaskActionError.InvalidSignerPosition, TaskActions.AddSignerBefore, null, null,
            "在我之前加签失败：加签位置无效。请刷新页面后重试。");
        yield return Case(TaskActionError.NoEarlierNode, TaskActions.Return, null, null,
            "退回失败：此节点之前没有可退回的节点。请改用“驳回”或“评论”。");
        yield return Case(TaskActionError.InvalidReturnTarget, TaskActions.Return, null, null,
            "退回失败：要退回的节点不是此任务之前的节点。请刷新页面后重试。");
    }

    [TestCaseSource(nameof(ChineseCases))]
    public void Reason_in_chinese(TaskActionException error, string action, string expected)
    {
        var text = new TaskActionErrorText(new UiText { Culture = "zh-CN" }, id => Names.GetValueOrDefault(id, id));

        var message = text.Describe(error, action);

        Assert.That(message, Is.EqualTo(expected));
        Assert.That(message, Does.Not.Contain("targetUserId").And.Not.Contain("signerPosition"));
    }

    [Test]
    public void Every_reason_has_a_case()
    {
        var covered = ChineseCases().Select(data => ((TaskActionException)data.Arguments[0]!).Error).ToHashSet();

        Assert.That(covered, Is.EquivalentTo(Enum.GetValues<TaskActionError>()));
    }

    [Test]
    public void Other_rejection_hides_server_message()
    {
        var text = new TaskActionErrorText(new UiText { Culture = "zh-CN" }, id => id);

        var message = text.Describe(new ArgumentException("Task t1 has no form."), TaskActions.Approve);

        Assert.That(message, Is.EqualTo(
            "同意失败：服务器没有接受此请求。请刷新页面后重试；如果仍然失败，请把发生时间告诉管理员，详细信息记录在日志中。"));
    }

    [Test]
    public void Long_comment_rejection_in_chinese()
    {
        var text = new TaskActionErrorText(new UiText { Culture = "zh-CN" }, id => id);

        var message = text.Describe(
            new ArgumentException("The comment on task 't1' is 2,001 characters long.", "comment"), TaskActions.Reject);

        Assert.That(message, Is.EqualTo(
            "驳回失败：意见超过 2000 个字符，或含有文字方向控制字符。请缩短意见或删除这些字符后重试。"));
    }

    private static TestCaseData Case(
        TaskActionError reason, string action, string? target, TaskParticipation? participation, string expected) =>
        new TestCaseData(
                new TaskActionException(reason, "API message") { TargetUserId = target, Participation = participation },
                action,
                expected)
            .SetArgDisplayNames(reason.ToString(), action, participation?.ToString() ?? "-");
}
