using WorkflowKit.Definitions;

namespace WorkflowKit.Runtime.Delegations;

/// <summary>
/// Chinese and English text of a task that went outside a delegation loop: the audit comment, the holder's notice and
/// the notice to each user in the loop. <paramref name="loop"/> contains the display names of the users in the loop.
/// </summary>
internal sealed class DelegationLoopText(LocalizedText step, IReadOnlyList<string> loop, string holderRole)
{
    private string ChineseLoop => string.Join("、", loop);

    private string EnglishLoop => loop.Count == 2 ? $"{loop[0]} and {loop[1]}" : $"{string.Join(", ", loop.SkipLast(1))} and {loop[^1]}";

    private (string Chinese, string English) Role => holderRole == LoopHolder.Owner
        ? ("流程负责人", "the flow's process owner")
        : ("此步骤的升级对象", "the step's escalation target");

    /// <summary>Words the audit comment, which names the new holder.</summary>
    public LocalizedText Audit(string holder) => new(
        $"{ChineseLoop} 的代理设置形成循环，且都不在岗，任务交给{Role.Chinese} {holder}。",
        $"The delegations of {EnglishLoop} form a loop and all of them are away, so the task went to {holder}, " +
        $"{Role.English}.");

    /// <summary>Words the notice to the new holder, who gets the task as the escalation target or the owner.</summary>
    public LocalizedText ToHolder() => new(
        $"{step.Get("zh-CN")}：{ChineseLoop} 的代理设置形成循环，且都不在岗，任务作为{Role.Chinese}交给您处理。",
        $"{step.Get("en")}: the delegations of {EnglishLoop} form a loop and all of them are away, so the task is " +
        $"yours as {Role.English}.");

    /// <summary>Words the notice to a user in the loop, who should change their delegation.</summary>
    public LocalizedText ToMember(string holder) => new(
        $"{step.Get("zh-CN")}：{ChineseLoop} 的代理设置形成循环，任务已交给 {holder}。请修改您的代理设置，委托给在岗的人。",
        $"{step.Get("en")}: the delegations of {EnglishLoop} form a loop, so the task went to {holder}. Change your " +
        "delegation so that it names someone who is not away.");
}
