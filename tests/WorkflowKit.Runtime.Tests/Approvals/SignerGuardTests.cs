using WorkflowKit.Definitions.Flows;
using WorkflowKit.Runtime.Tasks;

namespace WorkflowKit.Runtime.Tests.Approvals;

/// <summary>
/// Adding a signer and transferring a task are rejected with a <see cref="TaskActionException"/> that names the task,
/// the node and the request field, when the target already takes part in the node.
/// </summary>
public sealed class SignerGuardTests
{
    private static FlowBuilder Flow(string mode, params string[] users) => new FlowBuilder("guards")
        .Start().Approval("approve", mode, users).End()
        .Chain("start", "approve", "end");

    private static Task<TaskActionResult> ActAsync(
        EngineFixture fx, WorkTask task, string action, string? target, string? position = null) =>
        fx.Engine.ActAsync(
            new TaskActionRequest(task.Id, action, task.Assignee) { TargetUserId = target, SignerPosition = position },
            CancellationToken.None);

    [Test]
    public async Task AddSigner_Self_Rejected()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(Flow(ApprovalModes.Countersign, "bob"));
        var instance = await fx.StartAsync("guards");
        var bob = await fx.TaskAssignedToAsync(instance.Id, "approve", "bob");

        var error = Assert.ThrowsAsync<TaskActionException>(() => ActAsync(fx, bob, TaskActions.AddSigner, "bob", "after"));

        Assert.That(error!.Message, Is.EqualTo(
            $"Cannot add bob as a signer on task {bob.Id} at node 'approve': bob is the task's assignee. " +
            "Set targetUserId to another person."));
        Assert.That((await fx.OpenTasksAsync(instance.Id)).Select(task => task.Id), Is.EqualTo(new[] { bob.Id }));
    }

    [Test]
    public async Task AddSigner_OpenTaskHolder_Rejected()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(Flow(ApprovalModes.Countersign, "bob", "carol"));
        var instance = await fx.StartAsync("guards");
        var bob = await fx.TaskAssignedToAsync(instance.Id, "approve", "bob");
        var carol = await fx.TaskAssignedToAsync(instance.Id, "approve", "carol");

        var error = Assert.ThrowsAsync<TaskActionException>(() => ActAsync(fx, bob, TaskActions.AddSigner, "carol", "before"));

        Assert.That(error!.Message, Is.EqualTo(
            $"Cannot add carol as a signer on task {bob.Id} at node 'approve': carol already has open task {carol.Id} " +
            "at this node. Set targetUserId to someone who takes no part in this node yet."));
        await fx.TaskAssignedToAsync(instance.Id, "approve", "bob");
    }

    [Test]
    public async Task AddSigner_QueuedSigner_Rejected()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(Flow(ApprovalModes.Countersign, "bob", "carol"));
        var instance = await fx.StartAsync("guards");
        await ActAsync(fx, await fx.TaskAssignedToAsync(instance.Id, "approve", "bob"), TaskActions.AddSigner, "grace", "after");
        var carol = await fx.TaskAssignedToAsync(instance.Id, "approve", "carol");

        var error = Assert.ThrowsAsync<TaskActionException>(() => ActAsync(fx, carol, TaskActions.AddSigner, "grace", "before"));

        Assert.That(error!.Message, Is.EqualTo(
            $"Cannot add grace as a signer on task {carol.Id} at node 'approve': grace is already queued as a signer " +
            "added after an approver at this node. Set targetUserId to someone who takes no part in this node yet."));
    }

    [Test]
    public async Task AddSigner_DeferredApprover_Rejected()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(Flow(ApprovalModes.Countersign, "bob"));
        var instance = await fx.StartAsync("guards");
        var bob = await fx.TaskAssignedToAsync(instance.Id, "approve", "bob");
        await ActAsync(fx, bob, TaskActions.AddSigner, "grace", "before");
        var grace = await fx.TaskAssignedToAsync(instance.Id, "approve", "grace");

        var error = Assert.ThrowsAsync<TaskActionException>(() => ActAsync(fx, grace, TaskActions.AddSigner, "bob", "after"));

        Assert.That(error!.Message, Does.Contain(
            $"bob has task {bob.Id} at this node set aside until the signer added before them approves."));
    }

    [Test]
    public async Task AddSigner_LaterInSequence_Rejected()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(Flow(ApprovalModes.Sequential, "bob", "carol"));
        var instance = await fx.StartAsync("guards");
        var bob = await fx.TaskAssignedToAsync(instance.Id, "approve", "bob");

        var error = Assert.ThrowsAsync<TaskActionException>(() => ActAsync(fx, bob, TaskActions.AddSigner, "carol", "before"));

        Assert.That(error!.Message, Does.Contain("carol is still to act later in this node's sequential order."));
        await fx.TaskAssignedToAsync(instance.Id, "approve", "bob");
    }

    [Test]
    public async Task AddSigner_UnknownPosition_Rejected()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(Flow(ApprovalModes.Countersign, "bob"));
        var instance = await fx.StartAsync("guards");
        var bob = await fx.TaskAssignedToAsync(instance.Id, "approve", "bob");

        var error = Assert.ThrowsAsync<TaskActionException>(() => ActAsync(fx, bob, TaskActions.AddSigner, "grace", "middle"));

        Assert.That(error!.Message, Is.EqualTo(
            $"Cannot add a signer on task {bob.Id} at node 'approve': signerPosition is \"middle\", expected " +
            "\"before\" or \"after\". Set signerPosition to one of them."));
    }

    [Test]
    public async Task AddSigner_MissingTarget_Rejected()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(Flow(ApprovalModes.Countersign, "bob"));
        var instance = await fx.StartAsync("guards");
        var bob = await fx.TaskAssignedToAsync(instance.Id, "approve", "bob");

        var error = Assert.ThrowsAsync<TaskActionException>(() => ActAsync(fx, bob, TaskActions.AddSigner, null, "after"));

        Assert.That(error!.Message, Is.EqualTo(
            $"Action \"addSigner\" on task {bob.Id} at node 'approve' needs a target user; " +
            "set targetUserId to the user id of that person."));
    }

    [Test]
    public async Task Transfer_Self_Rejected()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(Flow(ApprovalModes.Single, "bob"));
        var instance = await fx.StartAsync("guards");
        var bob = await fx.TaskAssignedToAsync(instance.Id, "approve", "bob");

        var error = Assert.ThrowsAsync<TaskActionException>(() => ActAsync(fx, bob, TaskActions.Transfer, "bob"));

        Assert.That(error!.Message, Is.EqualTo(
            $"Cannot transfer task {bob.Id} at node 'approve' to bob: it is already assigned to bob. " +
            "Set targetUserId to the person who should take it over."));
        var assignments = await fx.Store.GetTaskAssignmentsAsync(bob.Id, CancellationToken.None);
        Assert.That(assignments, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Transfer_OpenTaskHolder_Rejected()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(Flow(ApprovalModes.Countersign, "bob", "carol"));
        var instance = await fx.StartAsync("guards");
        var bob = await fx.TaskAssignedToAsync(instance.Id, "approve", "bob");
        var carol = await fx.TaskAssignedToAsync(instance.Id, "approve", "carol");

        var error = Assert.ThrowsAsync<TaskActionException>(() => ActAsync(fx, bob, TaskActions.Transfer, "carol"));

        Assert.That(error!.Message, Is.EqualTo(
            $"Cannot transfer task {bob.Id} at node 'approve' to carol: carol already has open task {carol.Id} at " +
            "this node. Set targetUserId to someone who takes no part in this node yet."));

        // Once carol has approved she may not take bob's share over either: she would sign twice.
        await fx.ActAsync(carol, "approve");
        var afterApproval = Assert.ThrowsAsync<TaskActionException>(() => ActAsync(fx, bob, TaskActions.Transfer, "carol"));
        Assert.That(afterApproval!.Message, Does.Contain($"carol already approved task {carol.Id} at this node"));
    }

    [Test]
    public async Task Transfer_ToInitiator_Rejected()
    {
        // alice started the submission; handing her bob's approval would let her decide her own request.
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(Flow(ApprovalModes.Single, "bob"));
        var instance = await fx.StartAsync("guards", initiator: "alice");
        var bob = await fx.TaskAssignedToAsync(instance.Id, "approve", "bob");

        var error = Assert.ThrowsAsync<TaskActionException>(() => ActAsync(fx, bob, TaskActions.Transfer, "alice"));

        Assert.That(error!.Error, Is.EqualTo(TaskActionError.TargetIsInitiator));
        Assert.That(error.Message, Does.StartWith(
            $"Cannot transfer task {bob.Id} at node 'approve' to alice: alice started this submission"));
        var assignments = await fx.Store.GetTaskAssignmentsAsync(bob.Id, CancellationToken.None);
        Assert.That(assignments, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Transfer_ToInitiator_AllowedWhereInitiatorIsAssignee()
    {
        // The initiator's own confirmation step: alice hands it to bob while she is away, and bob hands it back.
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(new FlowBuilder("guards")
            .Start()
            .FillIn("confirm", "alice", node => node.Assignees = [new AssigneeRule { Type = AssigneeTypes.Initiator }])
            .End()
            .Chain("start", "confirm", "end"));
        var instance = await fx.StartAsync("guards", initiator: "alice");
        var alice = await fx.TaskAssignedToAsync(instance.Id, "confirm", "alice");
        await ActAsync(fx, alice, TaskActions.Transfer, "bob");
        var bob = await fx.TaskAssignedToAsync(instance.Id, "confirm", "bob");

        await ActAsync(fx, bob, TaskActions.Transfer, "alice");

        var open = await fx.OpenTasksAsync(instance.Id);
        Assert.That(open.Select(task => task.Assignee), Is.EqualTo(new[] { "alice" }));
    }

    [Test]
    public async Task OverlongComment_Rejected()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(Flow(ApprovalModes.Single, "bob"));
        var instance = await fx.StartAsync("guards");
        var bob = await fx.TaskAssignedToAsync(instance.Id, "approve", "bob");

        var error = Assert.ThrowsAsync<ArgumentException>(
            () => fx.ActAsync(bob, TaskActions.Approve, comment: new string('x', 2001)));

        Assert.That(error!.ParamName, Is.EqualTo("comment"));
        Assert.That(error.Message, Does.StartWith($"The comment on task '{bob.Id}' is 2,001 characters long; write at most 2,000"));
        await fx.ActAsync(bob, TaskActions.Approve, comment: new string('x', 2000));
        await fx.InstanceEndedWithAsync(instance.Id, "end");
    }

    [Test]
    public async Task NotOffered_ArgumentException()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(new FlowBuilder("listed")
            .Start()
            .Approval("approve", ApprovalModes.Single, ["bob"], node => node.Actions = [TaskActions.Approve])
            .End()
            .Chain("start", "approve", "end"));
        var instance = await fx.StartAsync("listed");
        var bob = await fx.TaskAssignedToAsync(instance.Id, "approve", "bob");

        var error = Assert.ThrowsAsync<TaskActionException>(() => ActAsync(fx, bob, TaskActions.Transfer, "grace"));

        Assert.That(error!.Message, Is.EqualTo(
            "Action \"transfer\" is not offered at node 'approve'; offered: approve, comment."));
        Assert.That(error.ParamName, Is.Null);
    }
}
