using WorkflowKit.Definitions;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Organization;
using WorkflowKit.Runtime.Notifications;
using WorkflowKit.Runtime.Tasks;

namespace WorkflowKit.Runtime.Tests.Returns;

/// <summary>
/// The initiator is notified when a node rejects the submission, with who rejected, where and why, and of a return
/// to an earlier node that gives them no task. Nobody is notified of their own action.
/// </summary>
public sealed class RejectionNotificationTests
{
    private static async Task<EngineFixture> FixtureAsync(Action<FlowBuilder>? shape = null)
    {
        var fx = await EngineFixture.CreateAsync();
        fx.Organization.Add(new OrgUser("zoe", "王芳 Wang Fang", "sales", ["manager"], new Dictionary<string, string>()));
        var flow = new FlowBuilder("order").Start();
        if (shape is null)
        {
            flow.Approval("manager", ApprovalModes.Single, ["zoe"], node => node.Name = new LocalizedText("经理审批", "Manager review"))
                .Approval("finance", ApprovalModes.Single, ["carol"]).End()
                .Chain("start", "manager", "finance", "end");
        }
        else
        {
            shape(flow);
        }

        fx.Publish(flow.Build());
        return fx;
    }

    private static async Task<IReadOnlyList<Notification>> NotesAsync(EngineFixture fx, string user, string kind) =>
        (await fx.Engine.GetNotificationsAsync(user, unreadOnly: false, CancellationToken.None))
            .Where(note => note.Kind == kind)
            .ToList();

    [Test]
    public async Task Reject_notifies_initiator_once()
    {
        await using var fx = await FixtureAsync();
        var instance = await fx.StartAsync("order", "alice");

        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "manager", "zoe"), TaskActions.Reject,
            comment: " 回款记录不全，驳回 ");

        var rejected = await NotesAsync(fx, "alice", NotificationKinds.Rejected);
        Assert.That(rejected, Has.Count.EqualTo(1));
        Assert.That(rejected[0].InstanceId, Is.EqualTo(instance.Id));
        Assert.That(rejected[0].NodeId, Is.EqualTo("manager"));
        Assert.That(rejected[0].TaskId, Is.Null);
        Assert.That(rejected[0].Message?.Get("zh-CN"),
            Is.EqualTo("王芳 Wang Fang 在“经理审批”驳回了此申请，流程已结束。原因：回款记录不全，驳回"));
        Assert.That(rejected[0].Message?.Get("en"), Is.EqualTo(
            "王芳 Wang Fang rejected this submission at \"Manager review\" and the flow has ended. Reason: 回款记录不全，驳回"));
        Assert.That(await NotesAsync(fx, "zoe", NotificationKinds.Rejected), Is.Empty);
    }

    [Test]
    public async Task Reject_without_comment_says_so()
    {
        await using var fx = await FixtureAsync();
        var instance = await fx.StartAsync("order", "alice");

        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "manager", "zoe"), TaskActions.Reject);

        var rejected = (await NotesAsync(fx, "alice", NotificationKinds.Rejected)).Single();
        Assert.That(rejected.Message?.Get("zh-CN"), Does.EndWith("流程已结束。未填写原因。"));
        Assert.That(rejected.Message?.Get("en"), Does.EndWith("the flow has ended. No reason was given."));
    }

    [Test]
    public async Task Reject_by_initiator_notifies_nobody()
    {
        await using var fx = await FixtureAsync(flow => flow
            .Approval("manager", ApprovalModes.Single, ["alice"]).End()
            .Chain("start", "manager", "end"));
        var instance = await fx.StartAsync("order", "alice");

        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "manager", "alice"), TaskActions.Reject, comment: "no");

        Assert.That(await NotesAsync(fx, "alice", NotificationKinds.Rejected), Is.Empty);
    }

    [Test]
    public async Task Countersign_rejection_notifies_once()
    {
        await using var fx = await FixtureAsync(flow => flow
            .Approval("board", ApprovalModes.Countersign, ["carol", "dave", "grace"]).End()
            .Chain("start", "board", "end"));
        var instance = await fx.StartAsync("order", "alice");
        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "board", "carol"), TaskActions.Approve);

        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "board", "dave"), TaskActions.Reject, comment: "price");

        var rejected = await NotesAsync(fx, "alice", NotificationKinds.Rejected);
        Assert.That(rejected, Has.Count.EqualTo(1));
        Assert.That(rejected[0].Message?.Get("en"),
            Is.EqualTo("dave rejected this submission at \"board\" and the flow has ended. Reason: price"));
    }

    [Test]
    public async Task Vote_rejection_notifies_when_decided()
    {
        await using var fx = await FixtureAsync(flow => flow
            .Approval("board", ApprovalModes.Vote, ["carol", "dave", "grace"], node => node.VoteRatio = 0.5m).End()
            .Chain("start", "board", "end"));
        var instance = await fx.StartAsync("order", "alice");

        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "board", "carol"), TaskActions.Reject, comment: "one");
        var afterFirst = await NotesAsync(fx, "alice", NotificationKinds.Rejected);
        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "board", "dave"), TaskActions.Reject, comment: "two");

        Assert.That(afterFirst, Is.Empty, "one rejection of three leaves the vote open");
        var rejected = await NotesAsync(fx, "alice", NotificationKinds.Rejected);
        Assert.That(rejected, Has.Count.EqualTo(1));
        Assert.That(rejected[0].Message?.Get("en"), Does.StartWith("dave rejected").And.EndWith("Reason: two"));
    }

    [Test]
    public async Task Rejection_edge_says_flow_goes_on()
    {
        await using var fx = await FixtureAsync(flow => flow
            .Approval("manager", ApprovalModes.Single, ["zoe"])
            .FillIn("revise", "bob").End()
            .Edge("start", "manager")
            .Edge("manager", "revise", when: "nodes.manager.outcome === 'rejected'", priority: 1)
            .Edge("manager", "end", isDefault: true)
            .Edge("revise", "end"));
        var instance = await fx.StartAsync("order", "alice");

        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "manager", "zoe"), TaskActions.Reject, comment: "redo");

        await fx.TaskAssignedToAsync(instance.Id, "revise", "bob");
        var rejected = (await NotesAsync(fx, "alice", NotificationKinds.Rejected)).Single();
        Assert.That(rejected.Message?.Get("zh-CN"), Is.EqualTo("王芳 Wang Fang 在“manager”驳回了此申请。原因：redo"));
        Assert.That(rejected.Message?.Get("en"),
            Is.EqualTo("王芳 Wang Fang rejected this submission at \"manager\". Reason: redo"));
    }

    [Test]
    public async Task Return_to_earlier_node_notifies_initiator()
    {
        await using var fx = await FixtureAsync();
        var instance = await fx.StartAsync("order", "alice");
        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "manager", "zoe"), TaskActions.Approve);
        var finance = await fx.TaskAssignedToAsync(instance.Id, "finance", "carol");

        await fx.Engine.ActAsync(
            new TaskActionRequest(finance.Id, TaskActions.Return, "carol") { TargetNodeId = "manager", Comment = "no contract" },
            CancellationToken.None);

        var returned = (await NotesAsync(fx, "alice", NotificationKinds.Returned)).Single();
        Assert.That(returned.TaskId, Is.Null);
        Assert.That(returned.NodeId, Is.EqualTo("manager"));
        Assert.That(returned.Message?.Get("en"),
            Is.EqualTo("Manager review: carol returned this submission at \"finance\". Reason: no contract"));
        Assert.That(await NotesAsync(fx, "carol", NotificationKinds.Returned), Is.Empty);
    }

    [Test]
    public async Task Return_to_initiators_node_notifies_once()
    {
        await using var fx = await FixtureAsync(flow => flow
            .FillIn("draft", "alice")
            .Approval("manager", ApprovalModes.Single, ["zoe"]).End()
            .Chain("start", "draft", "manager", "end"));
        var instance = await fx.StartAsync("order", "alice");
        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "draft", "alice"), TaskActions.Submit);

        await fx.Engine.ActAsync(
            new TaskActionRequest((await fx.TaskAssignedToAsync(instance.Id, "manager", "zoe")).Id, TaskActions.Return, "zoe")
            {
                TargetNodeId = "draft", Comment = "fix it",
            },
            CancellationToken.None);

        var again = await fx.TaskAssignedToAsync(instance.Id, "draft", "alice");
        var returned = await NotesAsync(fx, "alice", NotificationKinds.Returned);
        Assert.That(returned, Has.Count.EqualTo(1));
        Assert.That(returned[0].TaskId, Is.EqualTo(again.Id));
    }
}
