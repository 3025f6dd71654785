using WorkflowKit.Definitions;
using WorkflowKit.Designer.Localization;
using WorkflowKit.Designer.Portal;
using WorkflowKit.Designer.Services;
using WorkflowKit.Runtime;

namespace WorkflowKit.Designer.Tests.Portal;

/// <summary>
/// The words for where a submission waits, in both page languages, with times in the tenant time zone
/// (Asia/Shanghai by default).
/// </summary>
[TestFixture]
public sealed class InstanceWaitTextTests
{
    private static readonly LocalizedText Step = new("冷链静置", "Cold-chain rest");

    // 2025-03-03 05:00 UTC is 13:00 in Asia/Shanghai.
    private static readonly DateTimeOffset Due = new(2025, 3, 3, 5, 0, 0, TimeSpan.Zero);

    private static readonly TenantTime Times = new(new EngineOptions());

    [TestCase(InstanceWaitKinds.Task, "Cold-chain rest", "冷链静置")]
    [TestCase(InstanceWaitKinds.Timer, "Cold-chain rest: waits until 2025-03-03 13:00", "冷链静置：等待至 2025-03-03 13:00")]
    [TestCase(InstanceWaitKinds.Join, "Cold-chain rest: waits for the other branches", "冷链静置：等待其他分支到达")]
    [TestCase(InstanceWaitKinds.SubFlow, "Cold-chain rest: waits for its sub-flow to end", "冷链静置：等待子流程结束")]
    [TestCase(InstanceWaitKinds.Call, "Cold-chain rest: waits for the reply of its call", "冷链静置：等待调用返回")]
    [TestCase(InstanceWaitKinds.Retry, "Cold-chain rest: retries at 2025-03-03 13:00", "冷链静置：将于 2025-03-03 13:00 重试")]
    [TestCase(InstanceWaitKinds.Incident, "Cold-chain rest: stopped at an incident", "冷链静置：因故障停止，等待管理员处理")]
    public void Wait_worded_in_both_languages(string kind, string english, string chinese)
    {
        var wait = new InstanceWait("cool", Step, kind)
        {
            Until = kind is InstanceWaitKinds.Timer or InstanceWaitKinds.Retry ? Due : null,
            ChildInstanceIds = kind == InstanceWaitKinds.SubFlow ? ["child-1"] : [],
        };

        Assert.That(InstanceWaitText.Of(wait, new UiText { Culture = "en" }, Times), Is.EqualTo(english));
        Assert.That(InstanceWaitText.Of(wait, new UiText { Culture = "zh-CN" }, Times), Is.EqualTo(chinese));
    }

    [Test]
    public void Several_sub_flows_counted()
    {
        var wait = new InstanceWait("pick", new LocalizedText("拣货", "Picking"), InstanceWaitKinds.SubFlow)
        {
            ChildInstanceIds = ["a", "b", "c"],
        };

        Assert.That(InstanceWaitText.Of(wait, new UiText { Culture = "en" }, Times),
            Is.EqualTo("Picking: waits for 3 sub-flows to end"));
    }
}
