using WorkflowKit.Definitions.Flows;

namespace WorkflowKit.Runtime.Tests.Joins;

/// <summary>The join semantics of docs/definition-format.md on the known hard shapes.</summary>
public sealed class JoinTests
{
    [Test]
    public async Task Join_LoopBackBranch_WaitsForResubmit()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(new FlowBuilder("loop")
            .Start().Node("split", NodeTypes.ParallelSplit).Node("join", NodeTypes.ParallelJoin).End()
            .FillIn("fill", "alice").Approval("review", "bob").Approval("other", "carol")
            .Chain("start", "split")
            .Chain("split", "fill", "review")
            .Edge("review", "fill", when: "nodes.review.outcome === 'rejected'")
            .Edge("review", "join", isDefault: true)
            .Chain("split", "other", "join")
            .Chain("join", "end"));
        var instance = await fx.StartAsync("loop");

        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "other", "carol"), "approve");
        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "fill", "alice"), "submit");
        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "review", "bob"), "reject");
        await fx.InstanceRunningAsync(instance.Id);
        await fx.NodeCompletedAsync(instance.Id, "join", 0);

        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "fill", "alice"), "submit");
        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "review", "bob"), "approve");

        await fx.NodeCompletedAsync(instance.Id, "review", 2);
        await fx.NodeCompletedAsync(instance.Id, "join", 1);
        await fx.InstanceEndedWithAsync(instance.Id, "end");
    }

    [Test]
    public async Task Join_LoopBackFirst_WaitsForOther()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(new FlowBuilder("loop")
            .Start().Node("split", NodeTypes.ParallelSplit).Node("join", NodeTypes.ParallelJoin).End()
            .FillIn("fill", "alice").Approval("review", "bob").Approval("other", "carol")
            .Chain("start", "split")
            .Chain("split", "fill", "review")
            .Edge("review", "fill", when: "nodes.review.outcome === 'rejected'")
            .Edge("review", "join", isDefault: true)
            .Chain("split", "other", "join")
            .Chain("join", "end"));
        var instance = await fx.StartAsync("loop");

        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "fill", "alice"), "submit");
        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "review", "bob"), "reject");
        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "fill", "alice"), "submit");
        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "review", "bob"), "approve");
        await fx.InstanceRunningAsync(instance.Id);
        await fx.NodeCompletedAsync(instance.Id, "join", 0);

        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "other", "carol"), "approve");

        await fx.NodeCompletedAsync(instance.Id, "join", 1);
        await fx.InstanceEndedWithAsync(instance.Id, "end");
    }

    [Test]
    public async Task Join_ExclusiveChoice_SkipsUntakenBranch()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(new FlowBuilder("choice")
            .Start().Node("check", NodeTypes.Condition).Node("join", NodeTypes.ParallelJoin).End()
            .Approval("big", "dave").Approval("small", "bob")
            .Chain("start", "check")
            .Edge("check", "big", when: "form.amount > 1000")
            .Edge("check", "small", isDefault: true)
            .Chain("big", "join").Chain("small", "join").Chain("join", "end"));
        var instance = await fx.StartAsync("choice", form: """{"amount": 50}""");

        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "small", "bob"), "approve");

        await fx.NodeNotReachedAsync(instance.Id, "big");
        await fx.InstanceEndedWithAsync(instance.Id, "end");
    }

    [Test]
    public async Task Join_BranchRoutedAway_NotAwaited()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(new FlowBuilder("routed")
            .Start().Node("split", NodeTypes.ParallelSplit).Node("join", NodeTypes.ParallelJoin).End().End("skipped")
            .Node("check", NodeTypes.Condition).Approval("credit", "erin").Approval("stock", "carol")
            .Chain("start", "split")
            .Chain("split", "check")
            .Edge("check", "credit", when: "form.amount > 1000")
            .Edge("check", "skipped", isDefault: true)
            .Chain("credit", "join")
            .Chain("split", "stock", "join")
            .Chain("join", "end"));
        var small = await fx.StartAsync("routed", form: """{"amount": 10}""");
        var large = await fx.StartAsync("routed", form: """{"amount": 5000}""");

        await fx.ActAsync(await fx.TaskAssignedToAsync(small.Id, "stock", "carol"), "approve");
        await fx.ActAsync(await fx.TaskAssignedToAsync(large.Id, "stock", "carol"), "approve");

        await fx.InstanceEndedWithAsync(small.Id, "end");
        await fx.InstanceRunningAsync(large.Id);
        await fx.ActAsync(await fx.TaskAssignedToAsync(large.Id, "credit", "erin"), "approve");
        await fx.InstanceEndedWithAsync(large.Id, "end");
    }

    [Test]
    public async Task Join_SameEdgeTwice_QueuesTokens()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(new FlowBuilder("twice")
            .Start().Node("split", NodeTypes.ParallelSplit).Node("fork", NodeTypes.ParallelSplit)
            .Script("x", "vars.x = 1").Script("y", "vars.y = 1").Script("merge", "1")
            .Approval("b", "carol").Node("join", NodeTypes.ParallelJoin).Approval("after", "dave").End()
            .Chain("start", "split")
            .Chain("split", "fork").Chain("fork", "x", "merge").Chain("fork", "y", "merge").Chain("merge", "join")
            .Chain("split", "b", "join")
            .Chain("join", "after", "end"));
        var instance = await fx.StartAsync("twice");

        var waiting = (await fx.InstanceAsync(instance.Id)).Positions;
        Assert.That(waiting.Count(position => position.NodeId == "join"), Is.EqualTo(2), "two tokens queued at the join");
        await fx.NodeCompletedAsync(instance.Id, "join", 0);

        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "b", "carol"), "approve");

        var after = (await fx.OpenTasksAsync(instance.Id)).Where(task => task.NodeId == "after").ToList();
        Assert.That(after, Has.Count.EqualTo(2), "each queued token passes the join on its own");
        await fx.NodeCompletedAsync(instance.Id, "join", 2);
        await fx.ActAsync(after[0], "approve");
        await fx.InstanceRunningAsync(instance.Id);
        await fx.ActAsync(after[1], "approve");
        await fx.InstanceEndedWithAsync(instance.Id, "end");
    }

    [Test]
    public async Task Join_AutomaticBranch_WaitsForTask()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(new FlowBuilder("fast")
            .Start().Node("split", NodeTypes.ParallelSplit).Script("auto", "vars.auto = true")
            .Approval("slow", "bob").Node("join", NodeTypes.ParallelJoin).End()
            .Chain("start", "split").Chain("split", "auto", "join").Chain("split", "slow", "join").Chain("join", "end"));
        var instance = await fx.StartAsync("fast");

        await fx.NodeCompletedAsync(instance.Id, "auto");
        await fx.NodeCompletedAsync(instance.Id, "join", 0);
        await fx.InstanceRunningAsync(instance.Id);

        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "slow", "bob"), "approve");

        await fx.NodeCompletedAsync(instance.Id, "join", 1);
        await fx.InstanceEndedWithAsync(instance.Id, "end");
    }

    [Test]
    public async Task Join_NestedSplits_InnerClosesInner()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(new FlowBuilder("nested")
            .Start().Node("outer", NodeTypes.ParallelSplit).Node("inner", NodeTypes.ParallelSplit)
            .Approval("a", "alice").Script("b", "1").Node("innerJoin", NodeTypes.ParallelJoin).Script("c", "1")
            .Approval("d", "bob").Node("outerJoin", NodeTypes.ParallelJoin).End()
            .Chain("start", "outer")
            .Chain("outer", "inner").Chain("inner", "a", "innerJoin").Chain("inner", "b", "innerJoin")
            .Chain("innerJoin", "c", "outerJoin")
            .Chain("outer", "d", "outerJoin")
            .Chain("outerJoin", "end"));
        var instance = await fx.StartAsync("nested");

        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "a", "alice"), "approve");
        await fx.NodeCompletedAsync(instance.Id, "innerJoin", 1);
        await fx.NodeCompletedAsync(instance.Id, "outerJoin", 0);

        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "d", "bob"), "approve");
        await fx.InstanceEndedWithAsync(instance.Id, "end");
    }

    [Test]
    public async Task End_InsideBranch_EndsToken()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(new FlowBuilder("ends")
            .Start().Node("split", NodeTypes.ParallelSplit).End("quick").Approval("slow", "bob").End("done")
            .Chain("start", "split").Chain("split", "quick").Chain("split", "slow", "done"));
        var instance = await fx.StartAsync("ends");

        await fx.InstanceRunningAsync(instance.Id);
        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "slow", "bob"), "approve");

        await fx.InstanceEndedWithAsync(instance.Id, "done");
    }
}
