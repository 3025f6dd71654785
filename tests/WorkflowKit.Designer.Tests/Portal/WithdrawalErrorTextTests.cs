using WorkflowKit.Definitions;
using WorkflowKit.Designer.Localization;
using WorkflowKit.Designer.Portal;
using WorkflowKit.Runtime.Instances;

namespace WorkflowKit.Designer.Tests.Portal;

/// <summary>
/// The instance page's wording of a withdrawal whose withdrawal path failed, or that a completed sub-flow task stopped,
/// in both languages.
/// </summary>
public sealed class WithdrawalErrorTextTests
{
    private static readonly InstanceActionException Failed = new(
        InstanceActionError.WithdrawalPathFailed,
        "Instance 42 was not withdrawn: node 'release' (updateRecord) of the withdrawal path failed.",
        new InvalidOperationException("Record 7 of form 'stock-batch' does not exist."))
    {
        NodeId = "release",
        NodeName = new LocalizedText("释放预留", "Release reservation"),
    };

    [TestCase("en",
        "Withdraw failed: the step \"Release reservation\", which undoes this submission's automatic steps when it " +
        "is withdrawn, failed, so nothing was withdrawn and the submission continues as before. Ask the owner of the " +
        "flow \"?\" to fix that step. Details: Record 7 of form 'stock-batch' does not exist.")]
    [TestCase("zh-CN",
        "撤回失败：撤回时用于撤销自动步骤的步骤“释放预留”执行失败，因此没有撤回，申请照常继续。请联系流程“?”的负责人修正该步骤。" +
        "详情：Record 7 of form 'stock-batch' does not exist.")]
    public void Failed_path_names_step(string culture, string expected)
    {
        var text = new InstanceActionErrorText(new UiText { Culture = culture });

        Assert.That(text.Describe(Failed, "Withdraw", null), Is.EqualTo(expected));
    }

    [TestCase("en",
        "Withdraw failed: a task of a sub-flow of this submission, such as a warehouse's shipment, is already " +
        "completed, so it can no longer be withdrawn. An administrator can cancel the submission instead.")]
    [TestCase("zh-CN", "撤回失败：此申请的子流程（如仓库发货）已有任务办结，不能再撤回。可以请管理员撤销此申请。")]
    public void Sub_flow_action_points_to_cancel(string culture, string expected)
    {
        var text = new InstanceActionErrorText(new UiText { Culture = culture });
        var acted = new InstanceActionException(
            InstanceActionError.AlreadyActed, "Instance 42 can no longer be withdrawn: wh-south already acted.")
        {
            SubFlowInstanceId = "43",
        };

        Assert.That(text.Describe(acted, "Withdraw", null), Is.EqualTo(expected));
    }
}
