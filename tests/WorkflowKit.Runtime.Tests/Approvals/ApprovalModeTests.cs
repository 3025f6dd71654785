using WorkflowKit.Definitions.Flows;

namespace WorkflowKit.Runtime.Tests.Approvals;

public sealed class ApprovalModeTests
{
    private static FlowBuilder Flow(string mode, string[] users, decimal? ratio = null) => new FlowBuilder("mode")
        .Start()
        .Approval("approve", mode, users, node => node.VoteRatio = ratio)
        .End("end-approved").End("end-rejected")
        .Chain("start", "approve")
        .Edge("approve", "end-rejected", when: "nodes.approve.outcome === 'rejected'")
        .Edge("approve", "end-approved", isDefault: true);

    [Test]
    public async Task Countersign_NeedsAll()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(Flow(ApprovalModes.Countersign, ["bob", "carol", "dave"]));
        var instance = await fx.StartAsync("mode");

        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "approve", "bob"), "approve");
        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "approve", "carol"), "approve");
        await fx.InstanceRunningAsync(instance.Id);
        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "approve", "dave"), "approve");

        await fx.InstanceEndedWithAsync(instance.Id, "end-approved");
    }

    [Test]
    public async Task Countersign_OneRejection_Rejects()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(Flow(ApprovalModes.Countersign, ["bob", "carol"]));
        var instance = await fx.StartAsync("mode");

        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "approve", "carol"), "reject");

        await fx.InstanceEndedWithAsync(instance.Id, "end-rejected");
        var bob = (await fx.InstanceAsync(instance.Id)).Tasks.Single(task => task.Assignee == "bob");
        Assert.That(bob.Status, Is.EqualTo(TaskStatuses.Cancelled));
    }

    [Test]
    public async Task OrSign_FirstAction_Decides()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(Flow(ApprovalModes.OrSign, ["bob", "carol"]));
        var instance = await fx.StartAsync("mode");
        var carol = await fx.TaskAssignedToAsync(instance.Id, "approve", "carol");

        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "approve", "bob"), "approve");

        await fx.InstanceEndedWithAsync(instance.Id, "end-approved");
        Assert.ThrowsAsync<ConcurrencyConflictException>(() => fx.ActAsync(carol, "reject"));
    }

    [Test]
    public async Task Sequential_ActsInOrder()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(Flow(ApprovalModes.Sequential, ["bob", "carol"]));
        var instance = await fx.StartAsync("mode");

        Assert.That((await fx.OpenTasksAsync(instance.Id)).Select(task => task.Assignee), Is.EqualTo(new[] { "bob" }));
        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "approve", "bob"), "approve");
        Assert.That((await fx.OpenTasksAsync(instance.Id)).Select(task => task.Assignee), Is.EqualTo(new[] { "carol" }));
        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "approve", "carol"), "approve");

        await fx.InstanceEndedWithAsync(instance.Id, "end-approved");
    }

    [TestCase(new[] { "approve", "approve" }, "end-approved", TestName = "Vote_TwoOfThreeAtTwoThirds_Approves")]
    [TestCase(new[] { "reject", "reject" }, "end-rejected", TestName = "Vote_TwoRejectionsOfThree_Rejects")]
    public async Task Vote_DecidesByRatio(string[] actions, string end)
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(Flow(ApprovalModes.Vote, ["bob", "carol", "dave"], ratio: 0.66m));
        var instance = await fx.StartAsync("mode");

        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "approve", "bob"), actions[0]);
        await fx.InstanceRunningAsync(instance.Id);
        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "approve", "carol"), actions[1]);

        await fx.InstanceEndedWithAsync(instance.Id, end);
    }

    [Test]
    public async Task Vote_Split_WaitsForThird()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(Flow(ApprovalModes.Vote, ["bob", "carol", "dave"], ratio: 0.5m));
        var instance = await fx.StartAsync("mode");

        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "approve", "bob"), "approve");
        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "approve", "carol"), "reject");
        await fx.InstanceRunningAsync(instance.Id);
        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "approve", "dave"), "approve");

        await fx.InstanceEndedWithAsync(instance.Id, "end-approved");
    }
}
