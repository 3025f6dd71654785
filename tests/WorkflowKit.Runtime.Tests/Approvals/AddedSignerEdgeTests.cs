using WorkflowKit.Definitions.Flows;
using WorkflowKit.Runtime.Tasks;

namespace WorkflowKit.Runtime.Tests.Approvals;

/// <summary>
/// Edge cases of adding signers on every approval mode: a signer added after an approver may not hand the second
/// signature back to that approver, deadlines of tasks that come back, and queues that follow a transfer or return.
/// </summary>
public sealed class AddedSignerEdgeTests
{
    private static FlowBuilder Flow(string mode, string[] users, string? deadline = null) => new FlowBuilder("edge")
        .Start()
        .Approval("approve", mode, users, node =>
        {
            if (deadline is not null)
            {
                node.Deadline = new DeadlineDefinition { Duration = deadline };
            }
        })
        .End("end-approved").End("end-rejected")
        .Chain("start", "approve")
        .Edge("approve", "end-rejected", when: "nodes.approve.outcome === 'rejected'")
        .Edge("approve", "end-approved", isDefault: true);

    private static Task<TaskActionResult> ActAsync(
        EngineFixture fx, WorkTask task, string action, string? target, string? position = null) =>
        fx.Engine.ActAsync(
            new TaskActionRequest(task.Id, action, task.Assignee) { TargetUserId = target, SignerPosition = position },
            CancellationToken.None);

    private static async Task<IReadOnlyList<string>> OpenAssigneesAsync(EngineFixture fx, string instanceId) =>
        [.. (await fx.OpenTasksAsync(instanceId)).Select(task => task.Assignee).Order(StringComparer.Ordinal)];

    [TestCase(ApprovalModes.Single)]
    [TestCase(ApprovalModes.Countersign)]
    [TestCase(ApprovalModes.Sequential)]
    [TestCase(ApprovalModes.Vote)]
    public async Task Transfer_AfterSignerBackToApprover_Rejected(string mode)
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(Flow(mode, ["bob", "carol"]));
        var instance = await fx.StartAsync("edge");
        var bob = await fx.TaskAssignedToAsync(instance.Id, "approve", "bob");
        await ActAsync(fx, bob, TaskActions.AddSigner, "grace", "after");
        await fx.ActAsync(bob, "approve");
        var grace = await fx.TaskAssignedToAsync(instance.Id, "approve", "grace");

        var error = Assert.ThrowsAsync<TaskActionException>(
            () => ActAsync(fx, grace, TaskActions.Transfer, "bob"),
            "the signer bob added must not hand the second signature back to bob");

        Assert.That(error!.Message, Does.Contain($"bob already approved task {bob.Id} at this node"));
    }

    [Test]
    public async Task AddSigner_AfterSignerAddsApproverBack_Rejected()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(Flow(ApprovalModes.Countersign, ["bob"]));
        var instance = await fx.StartAsync("edge");
        var bob = await fx.TaskAssignedToAsync(instance.Id, "approve", "bob");
        await ActAsync(fx, bob, TaskActions.AddSigner, "grace", "after");
        await fx.ActAsync(bob, "approve");
        var grace = await fx.TaskAssignedToAsync(instance.Id, "approve", "grace");

        Assert.ThrowsAsync<TaskActionException>(
            () => ActAsync(fx, grace, TaskActions.AddSigner, "bob", "after"),
            "bob already approved this share, so he must not be added as its second signer");
    }

    [Test]
    public async Task Transfer_BeforeSignerToDeferredApprover_Rejected()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(Flow(ApprovalModes.Countersign, ["bob"]));
        var instance = await fx.StartAsync("edge");
        await ActAsync(fx, await fx.TaskAssignedToAsync(instance.Id, "approve", "bob"), TaskActions.AddSigner, "grace", "before");
        var grace = await fx.TaskAssignedToAsync(instance.Id, "approve", "grace");

        var error = Assert.ThrowsAsync<TaskActionException>(() => ActAsync(fx, grace, TaskActions.Transfer, "bob"));

        Assert.That(error!.Message, Does.Contain("set aside"));
    }

    [Test]
    public async Task AddedBefore_TaskBack_DeadlineFromReturn()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(Flow(ApprovalModes.Countersign, ["bob"], deadline: "PT8H"));
        var instance = await fx.StartAsync("edge");
        var bob = await fx.TaskAssignedToAsync(instance.Id, "approve", "bob");
        await fx.AdvanceAsync(TimeSpan.FromHours(5));
        await ActAsync(fx, bob, TaskActions.AddSigner, "grace", "before");
        var grace = await fx.TaskAssignedToAsync(instance.Id, "approve", "grace");
        await fx.AdvanceAsync(TimeSpan.FromHours(3));

        await fx.ActAsync(grace, "approve");

        var back = await fx.TaskAssignedToAsync(instance.Id, "approve", "bob");
        Assert.That(back.DueAt, Is.EqualTo(fx.Time.GetUtcNow() + TimeSpan.FromHours(8)));
    }

    [Test]
    public async Task AddedBefore_OtherApproverRejects_NothingComesBack()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(Flow(ApprovalModes.Countersign, ["bob", "carol"]));
        var instance = await fx.StartAsync("edge");
        await ActAsync(fx, await fx.TaskAssignedToAsync(instance.Id, "approve", "bob"), TaskActions.AddSigner, "grace", "before");

        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "approve", "carol"), "reject");

        await fx.InstanceEndedWithAsync(instance.Id, "end-rejected");
        await fx.NoOpenTasksAsync(instance.Id);
    }

    [Test]
    public async Task AddedBefore_SingleOtherApproves_SignerTaskClosed()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(Flow(ApprovalModes.Single, ["bob", "carol"]));
        var instance = await fx.StartAsync("edge");
        await ActAsync(fx, await fx.TaskAssignedToAsync(instance.Id, "approve", "bob"), TaskActions.AddSigner, "grace", "before");

        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "approve", "carol"), "approve");

        await fx.InstanceEndedWithAsync(instance.Id, "end-approved");
        await fx.NoOpenTasksAsync(instance.Id);
    }

    [Test]
    public async Task AddedAfter_ApproverTransfers_QueueFollows()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(Flow(ApprovalModes.Countersign, ["bob"]));
        var instance = await fx.StartAsync("edge");
        var bob = await fx.TaskAssignedToAsync(instance.Id, "approve", "bob");
        await ActAsync(fx, bob, TaskActions.AddSigner, "grace", "after");
        await ActAsync(fx, bob, TaskActions.Transfer, "henry");

        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "approve", "henry"), "approve");

        await fx.InstanceRunningAsync(instance.Id);
        Assert.That(await OpenAssigneesAsync(fx, instance.Id), Is.EqualTo(new[] { "grace" }));
    }

    [Test]
    public async Task AddedAfter_Returned_QueueDropped()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(new FlowBuilder("returned")
            .Start().FillIn("draft", "alice").Approval("approve", ApprovalModes.Countersign, ["bob"]).End()
            .Chain("start", "draft", "approve", "end"));
        var instance = await fx.StartAsync("returned");
        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "draft", "alice"), "submit");
        var bob = await fx.TaskAssignedToAsync(instance.Id, "approve", "bob");
        await ActAsync(fx, bob, TaskActions.AddSigner, "grace", "after");
        await fx.ActAsync(bob, "return");
        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "draft", "alice"), "submit");

        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "approve", "bob"), "approve");

        await fx.InstanceEndedWithAsync(instance.Id, "end");
        await fx.NoOpenTasksAsync(instance.Id);
    }
}
