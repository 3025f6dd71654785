using WorkflowKit.Definitions;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Organization;
using WorkflowKit.Runtime.Notifications;
using WorkflowKit.Runtime.Tasks;

namespace WorkflowKit.Runtime.Tests.Returns;

/// <summary>
/// The assignee of a task that a return creates is told that the submission was returned, by whom, from which
/// node and why, rather than getting the notification of a new task.
/// </summary>
public sealed class ReturnNotificationTests
{
    private static async Task<EngineFixture> FixtureAsync()
    {
        var fx = await EngineFixture.CreateAsync();
        fx.Organization.Add(new OrgUser("dave", "王芳 Wang Fang", "sales", ["manager"], new Dictionary<string, string>()));
        var flow = new FlowBuilder("order")
            .Start()
            .Approval("manager", ApprovalModes.Single, ["dave"], node => node.Name = new LocalizedText("经理审批", "Manager review"))
            .Approval("finance", ApprovalModes.Single, ["carol"]).End()
            .Chain("start", "manager", "finance", "end");
        fx.Publish(flow.Build());
        return fx;
    }

    private static Task<TaskActionResult> ReturnAsync(EngineFixture fx, WorkTask task, string? target, string? comment) =>
        fx.Engine.ActAsync(
            new TaskActionRequest(task.Id, TaskActions.Return, task.Assignee) { TargetNodeId = target, Comment = comment },
            CancellationToken.None);

    [Test]
    public async Task Return_to_initiator_names_returner_and_reason()
    {
        await using var fx = await FixtureAsync();
        var instance = await fx.StartAsync("order", "alice");
        var manager = await fx.TaskAssignedToAsync(instance.Id, "manager", "dave");

        await ReturnAsync(fx, manager, ReturnTarget.Initiator, " 金额有误，请核对 ");

        var resubmission = await fx.TaskAssignedToAsync(instance.Id, "start", "alice");
        var notes = await fx.Engine.GetNotificationsAsync("alice", unreadOnly: false, CancellationToken.None);
        var returned = notes.Single(note => note.TaskId == resubmission.Id);
        Assert.That(returned.Kind, Is.EqualTo(NotificationKinds.Returned));
        Assert.That(returned.Message?.Get("zh-CN"), Is.EqualTo("start：王芳 Wang Fang 在“经理审批”退回了此申请。原因：金额有误，请核对"));
        Assert.That(returned.Message?.Get("en"),
            Is.EqualTo("start: 王芳 Wang Fang returned this submission at \"Manager review\". Reason: 金额有误，请核对"));
    }

    [Test]
    public async Task Return_to_earlier_node_notifies_returned()
    {
        await using var fx = await FixtureAsync();
        var instance = await fx.StartAsync("order", "alice");
        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "manager", "dave"), "approve");
        var finance = await fx.TaskAssignedToAsync(instance.Id, "finance", "carol");

        await ReturnAsync(fx, finance, "manager", "missing contract");

        var again = await fx.TaskAssignedToAsync(instance.Id, "manager", "dave");
        var notes = await fx.Engine.GetNotificationsAsync("dave", unreadOnly: false, CancellationToken.None);
        var returned = notes.Single(note => note.TaskId == again.Id);
        Assert.That(returned.Kind, Is.EqualTo(NotificationKinds.Returned));
        Assert.That(returned.Message?.Get("en"),
            Is.EqualTo("Manager review: carol returned this submission at \"finance\". Reason: missing contract"));
        Assert.That(notes.Where(note => note.Kind == NotificationKinds.TaskAssigned).Select(note => note.TaskId),
            Has.No.Member(again.Id));
    }

    [Test]
    public async Task Return_without_comment_says_so()
    {
        await using var fx = await FixtureAsync();
        var instance = await fx.StartAsync("order", "alice");

        await ReturnAsync(fx, await fx.TaskAssignedToAsync(instance.Id, "manager", "dave"), null, null);

        var notes = await fx.Engine.GetNotificationsAsync("alice", unreadOnly: false, CancellationToken.None);
        var returned = notes.Single(note => note.Kind == NotificationKinds.Returned);
        Assert.That(returned.Message?.Get("zh-CN"), Does.EndWith("退回了此申请。未填写原因。"));
        Assert.That(returned.Message?.Get("en"), Does.EndWith("No reason was given."));
    }
}
