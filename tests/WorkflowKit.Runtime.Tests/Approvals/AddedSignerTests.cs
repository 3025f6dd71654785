using WorkflowKit.Definitions.Flows;
using WorkflowKit.Runtime.Tasks;

namespace WorkflowKit.Runtime.Tests.Approvals;

/// <summary>
/// Signers added before or after an approver on every approval mode: a signer added before acts first and hands the
/// task back, a signer added after acts once the approver has approved, and both decide the approver's share.
/// </summary>
public sealed class AddedSignerTests
{
    private static FlowBuilder Flow(string mode, string[] users, decimal? ratio = null) => new FlowBuilder("signers")
        .Start()
        .Approval("approve", mode, users, node => node.VoteRatio = ratio)
        .End("end-approved").End("end-rejected")
        .Chain("start", "approve")
        .Edge("approve", "end-rejected", when: "nodes.approve.outcome === 'rejected'")
        .Edge("approve", "end-approved", isDefault: true);

    private static Task AddSignerAsync(EngineFixture fx, WorkTask task, string signer, string position) =>
        fx.Engine.ActAsync(
            new TaskActionRequest(task.Id, TaskActions.AddSigner, task.Assignee)
            {
                TargetUserId = signer,
                SignerPosition = position,
            },
            CancellationToken.None);

    private static async Task<IReadOnlyList<string>> OpenAssigneesAsync(EngineFixture fx, string instanceId) =>
        [.. (await fx.OpenTasksAsync(instanceId)).Select(task => task.Assignee).Order(StringComparer.Ordinal)];

    [TestCase(ApprovalModes.Single, false)]
    [TestCase(ApprovalModes.OrSign, false)]
    [TestCase(ApprovalModes.Countersign, true)]
    [TestCase(ApprovalModes.Sequential, true)]
    public async Task AddedBefore_Approves_TaskComesBack(string mode, bool carolNeeded)
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(Flow(mode, ["bob", "carol"]));
        var instance = await fx.StartAsync("signers");
        var bob = await fx.TaskAssignedToAsync(instance.Id, "approve", "bob");

        await AddSignerAsync(fx, bob, "grace", "before");

        Assert.That(await OpenAssigneesAsync(fx, instance.Id), Does.Not.Contain("bob"));
        var deferred = (await fx.InstanceAsync(instance.Id)).Tasks.Single(task => task.Id == bob.Id);
        Assert.That((deferred.Status, deferred.Outcome), Is.EqualTo((TaskStatuses.Cancelled, (string?)"deferred")));

        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "approve", "grace"), "approve");

        await fx.InstanceRunningAsync(instance.Id);
        var back = await fx.TaskAssignedToAsync(instance.Id, "approve", "bob");
        Assert.That(back.Id, Is.Not.EqualTo(bob.Id));
        var assignments = await fx.Store.GetTaskAssignmentsAsync(back.Id, CancellationToken.None);
        Assert.That(assignments.Select(item => item.Reason), Is.EqualTo(new[] { "resumed" }));

        await fx.ActAsync(back, "approve");

        if (carolNeeded)
        {
            await fx.InstanceRunningAsync(instance.Id);
            await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "approve", "carol"), "approve");
        }

        await fx.InstanceEndedWithAsync(instance.Id, "end-approved");
    }

    [TestCase(ApprovalModes.Single)]
    [TestCase(ApprovalModes.OrSign)]
    [TestCase(ApprovalModes.Countersign)]
    [TestCase(ApprovalModes.Sequential)]
    public async Task AddedBefore_Rejects_NodeRejects(string mode)
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(Flow(mode, ["bob", "carol"]));
        var instance = await fx.StartAsync("signers");
        var bob = await fx.TaskAssignedToAsync(instance.Id, "approve", "bob");
        await AddSignerAsync(fx, bob, "grace", "before");
        Assert.That(await OpenAssigneesAsync(fx, instance.Id), Does.Not.Contain("bob"));

        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "approve", "grace"), "reject");

        await fx.InstanceEndedWithAsync(instance.Id, "end-rejected");
        await fx.NoOpenTasksAsync(instance.Id);
        var tasks = (await fx.InstanceAsync(instance.Id)).Tasks;
        Assert.That(tasks.Count(task => task.Assignee == "bob"), Is.EqualTo(1), "bob's task never came back");
    }

    [TestCase(ApprovalModes.Single, false)]
    [TestCase(ApprovalModes.OrSign, false)]
    [TestCase(ApprovalModes.Countersign, true)]
    [TestCase(ApprovalModes.Sequential, true)]
    public async Task AddedAfter_Approves_AfterApprover(string mode, bool carolNeeded)
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(Flow(mode, ["bob", "carol"]));
        var instance = await fx.StartAsync("signers");
        var bob = await fx.TaskAssignedToAsync(instance.Id, "approve", "bob");

        await AddSignerAsync(fx, bob, "grace", "after");

        Assert.That(await OpenAssigneesAsync(fx, instance.Id), Does.Not.Contain("grace"));
        Assert.That((await fx.TaskAssignedToAsync(instance.Id, "approve", "bob")).Id, Is.EqualTo(bob.Id));

        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "approve", "bob"), "approve");

        await fx.InstanceRunningAsync(instance.Id);
        Assert.That(await OpenAssigneesAsync(fx, instance.Id), Does.Not.Contain("bob"));
        var grace = await fx.TaskAssignedToAsync(instance.Id, "approve", "grace");
        var assignments = await fx.Store.GetTaskAssignmentsAsync(grace.Id, CancellationToken.None);
        Assert.That(assignments.Select(item => item.Reason), Is.EqualTo(new[] { "addedAfter" }));
        await fx.ActAsync(grace, "approve");

        if (carolNeeded)
        {
            await fx.InstanceRunningAsync(instance.Id);
            await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "approve", "carol"), "approve");
        }

        await fx.InstanceEndedWithAsync(instance.Id, "end-approved");
    }

    [TestCase(ApprovalModes.Single)]
    [TestCase(ApprovalModes.OrSign)]
    [TestCase(ApprovalModes.Countersign)]
    [TestCase(ApprovalModes.Sequential)]
    public async Task AddedAfter_Rejects_NodeRejects(string mode)
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(Flow(mode, ["bob", "carol"]));
        var instance = await fx.StartAsync("signers");
        var bob = await fx.TaskAssignedToAsync(instance.Id, "approve", "bob");
        await AddSignerAsync(fx, bob, "grace", "after");
        Assert.That(await OpenAssigneesAsync(fx, instance.Id), Does.Not.Contain("grace"));
        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "approve", "bob"), "approve");
        await fx.InstanceRunningAsync(instance.Id);
        var grace = await fx.TaskAssignedToAsync(instance.Id, "approve", "grace");
        var assignments = await fx.Store.GetTaskAssignmentsAsync(grace.Id, CancellationToken.None);
        Assert.That(assignments.Select(item => item.Reason), Is.EqualTo(new[] { "addedAfter" }));

        await fx.ActAsync(grace, "reject");

        await fx.InstanceEndedWithAsync(instance.Id, "end-rejected");
        await fx.NoOpenTasksAsync(instance.Id);
    }

    [Test]
    public async Task AddedAfter_OrSign_OtherApproverStillDecides()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(Flow(ApprovalModes.OrSign, ["bob", "carol"]));
        var instance = await fx.StartAsync("signers");
        await AddSignerAsync(fx, await fx.TaskAssignedToAsync(instance.Id, "approve", "bob"), "grace", "after");
        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "approve", "bob"), "approve");
        var grace = await fx.TaskAssignedToAsync(instance.Id, "approve", "grace");

        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "approve", "carol"), "approve");

        await fx.InstanceEndedWithAsync(instance.Id, "end-approved");
        var closed = (await fx.InstanceAsync(instance.Id)).Tasks.Single(task => task.Id == grace.Id);
        Assert.That(closed.Status, Is.EqualTo(TaskStatuses.Cancelled));
    }

    [Test]
    public async Task VoteAddedAfter_Approves_ShareCountsOnce()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(Flow(ApprovalModes.Vote, ["bob", "carol", "dave"], ratio: 0.5m));
        var instance = await fx.StartAsync("signers");
        await AddSignerAsync(fx, await fx.TaskAssignedToAsync(instance.Id, "approve", "bob"), "grace", "after");
        Assert.That(await OpenAssigneesAsync(fx, instance.Id), Is.EqualTo(new[] { "bob", "carol", "dave" }));

        // Two of three shares are needed. Bob's share waits for grace, so only carol's share is approved so far.
        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "approve", "bob"), "approve");
        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "approve", "carol"), "approve");
        await fx.InstanceRunningAsync(instance.Id);

        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "approve", "grace"), "approve");

        await fx.InstanceEndedWithAsync(instance.Id, "end-approved");
    }

    [Test]
    public async Task VoteAddedAfter_Rejects_ShareVotesNo()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(Flow(ApprovalModes.Vote, ["bob", "carol", "dave"], ratio: 0.5m));
        var instance = await fx.StartAsync("signers");
        await AddSignerAsync(fx, await fx.TaskAssignedToAsync(instance.Id, "approve", "bob"), "grace", "after");
        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "approve", "bob"), "approve");
        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "approve", "carol"), "approve");

        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "approve", "grace"), "reject");

        // One share for, one against: dave's share decides.
        await fx.InstanceRunningAsync(instance.Id);
        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "approve", "dave"), "reject");
        await fx.InstanceEndedWithAsync(instance.Id, "end-rejected");
    }

    [Test]
    public async Task VoteAddedBefore_Approves_ApproverVotes()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(Flow(ApprovalModes.Vote, ["bob", "carol", "dave"], ratio: 0.66m));
        var instance = await fx.StartAsync("signers");
        await AddSignerAsync(fx, await fx.TaskAssignedToAsync(instance.Id, "approve", "bob"), "grace", "before");
        Assert.That(await OpenAssigneesAsync(fx, instance.Id), Is.EqualTo(new[] { "carol", "dave", "grace" }));

        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "approve", "grace"), "approve");
        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "approve", "carol"), "approve");

        // Grace's approval hands the share back to bob and is no vote of its own.
        await fx.InstanceRunningAsync(instance.Id);
        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "approve", "bob"), "approve");
        await fx.InstanceEndedWithAsync(instance.Id, "end-approved");
    }

    [Test]
    public async Task VoteAddedBefore_Rejects_ShareVotesNo()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(Flow(ApprovalModes.Vote, ["bob", "carol", "dave"], ratio: 0.66m));
        var instance = await fx.StartAsync("signers");
        await AddSignerAsync(fx, await fx.TaskAssignedToAsync(instance.Id, "approve", "bob"), "grace", "before");

        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "approve", "grace"), "reject");

        await fx.InstanceRunningAsync(instance.Id);
        Assert.That(await OpenAssigneesAsync(fx, instance.Id), Is.EqualTo(new[] { "carol", "dave" }));
        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "approve", "carol"), "reject");
        await fx.InstanceEndedWithAsync(instance.Id, "end-rejected");
    }

    [Test]
    public async Task AddedBeforeChain_Approves_UnwindsInOrder()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(Flow(ApprovalModes.Countersign, ["bob"]));
        var instance = await fx.StartAsync("signers");
        await AddSignerAsync(fx, await fx.TaskAssignedToAsync(instance.Id, "approve", "bob"), "grace", "before");
        await AddSignerAsync(fx, await fx.TaskAssignedToAsync(instance.Id, "approve", "grace"), "henry", "before");
        Assert.That(await OpenAssigneesAsync(fx, instance.Id), Is.EqualTo(new[] { "henry" }));

        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "approve", "henry"), "approve");
        Assert.That(await OpenAssigneesAsync(fx, instance.Id), Is.EqualTo(new[] { "grace" }));
        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "approve", "grace"), "approve");
        Assert.That(await OpenAssigneesAsync(fx, instance.Id), Is.EqualTo(new[] { "bob" }));
        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "approve", "bob"), "approve");

        await fx.InstanceEndedWithAsync(instance.Id, "end-approved");
    }

    [Test]
    public async Task AddedAfterThenBefore_ApproverBack_ReleasesQueue()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(Flow(ApprovalModes.Single, ["bob"]));
        var instance = await fx.StartAsync("signers");
        await AddSignerAsync(fx, await fx.TaskAssignedToAsync(instance.Id, "approve", "bob"), "henry", "after");
        await AddSignerAsync(fx, await fx.TaskAssignedToAsync(instance.Id, "approve", "bob"), "grace", "before");
        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "approve", "grace"), "approve");

        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "approve", "bob"), "approve");

        await fx.InstanceRunningAsync(instance.Id);
        Assert.That(await OpenAssigneesAsync(fx, instance.Id), Is.EqualTo(new[] { "henry" }));
        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "approve", "henry"), "approve");
        await fx.InstanceEndedWithAsync(instance.Id, "end-approved");
    }

    [Test]
    public async Task AddSigner_History_NamesSigner()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(Flow(ApprovalModes.Countersign, ["bob"]));
        var instance = await fx.StartAsync("signers");

        await AddSignerAsync(fx, await fx.TaskAssignedToAsync(instance.Id, "approve", "bob"), "grace", "before");

        var history = await fx.Engine.GetHistoryAsync(instance.Id, CancellationToken.None);
        var added = history.Single(entry => entry.Action == "task.addSigner");
        Assert.Multiple(async () =>
        {
            Assert.That(added.Actor, Is.EqualTo("bob"));
            Assert.That(added.Details?["signer"]?.GetValue<string>(), Is.EqualTo("grace"));
            Assert.That(added.Details?["position"]?.GetValue<string>(), Is.EqualTo("before"));
            Assert.That(await OpenAssigneesAsync(fx, instance.Id), Is.EqualTo(new[] { "grace" }));
        });
    }
}
