using WorkflowKit.Definitions.Flows;
using WorkflowKit.Runtime.Audit;
using WorkflowKit.Runtime.Instances;

namespace WorkflowKit.Runtime.Tests.Nodes;

/// <summary>
/// An administrator's cancel: it ends every running sub-flow below the instance, awaited or not, and runs each
/// cancelled flow's cancellation path (<c>settings.onCancel</c>). A failing path rolls the whole cancel back.
/// </summary>
public sealed class CancellationTests
{
    private static FlowBuilder Leaf(Action<FlowBuilder>? path = null)
    {
        var leaf = new FlowBuilder("leaf").Start().Approval("check", "carol").End().Chain("start", "check", "end");
        path?.Invoke(leaf);
        return leaf;
    }

    private static FlowBuilder SubFlow(string key, string child, bool wait = true) => new FlowBuilder(key)
        .Start()
        .Node("child", NodeTypes.SubFlow, node =>
        {
            node.Flow = child;
            node.Wait = wait ? null : false;
        })
        .Approval("after", "dave")
        .End()
        .Chain("start", "child", "after", "end");

    private static void WithPath(FlowBuilder flow, string script) => flow
        .Script("undo", script).End("undone").Edge("undo", "undone")
        .Configure(definition => definition.Settings = new FlowSettings { OnCancel = new WithdrawalPath { Node = "undo" } });

    [Test]
    public async Task Cancel_ends_grandchildren()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(Leaf());
        fx.Publish(SubFlow("middle", "leaf"));
        fx.Publish(SubFlow("top", "middle"));
        var top = await fx.StartAsync("top");
        var middle = (await ChildrenAsync(fx, top.Id)).Single();
        var leaf = (await ChildrenAsync(fx, middle.Id)).Single();

        await fx.Engine.CancelAsync(top.Id, "admin", "duplicate", CancellationToken.None);

        foreach (var id in new[] { top.Id, middle.Id, leaf.Id })
        {
            Assert.That((await fx.InstanceAsync(id)).Instance.Status, Is.EqualTo(InstanceStatuses.Cancelled), id);
            await fx.NoOpenTasksAsync(id);
        }

        var line = (await fx.Engine.GetHistoryAsync(leaf.Id, CancellationToken.None))
            .Single(entry => entry.Action == AuditActions.InstanceCancelled);
        Assert.That((line.Actor, line.Comment), Is.EqualTo(("admin", "duplicate")));
        Assert.That(line.Details!["cancelledWith"]!.GetValue<string>(), Is.EqualTo(top.Id));
    }

    [Test]
    public async Task Cancel_ends_children_not_awaited()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(Leaf());
        fx.Publish(SubFlow("top", "leaf", wait: false));
        var top = await fx.StartAsync("top");
        var leaf = (await ChildrenAsync(fx, top.Id)).Single();
        await fx.TaskAssignedToAsync(top.Id, "after", "dave");

        await fx.Engine.CancelAsync(top.Id, "admin", null, CancellationToken.None);

        Assert.That((await fx.InstanceAsync(leaf.Id)).Instance.Status, Is.EqualTo(InstanceStatuses.Cancelled));
        await fx.NoOpenTasksAsync(leaf.Id);
    }

    [Test]
    public async Task Each_cancelled_flow_runs_its_path()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(Leaf(leaf => WithPath(leaf, "vars.undoneBy = vars.cancellation.by + ':' + vars.cancellation.instanceId;")));
        var top = new FlowBuilder("top").Start().Node("child", NodeTypes.SubFlow, node => node.Flow = "leaf").End()
            .Chain("start", "child", "end");
        WithPath(top, "vars.undoneBy = vars.cancellation.by + ':' + vars.cancellation.reason;");
        fx.Publish(top);
        var started = await fx.StartAsync("top");
        var leaf = (await ChildrenAsync(fx, started.Id)).Single();

        var cancelled = await fx.Engine.CancelAsync(started.Id, "admin", "stock recall", CancellationToken.None);

        var leafAfter = (await fx.InstanceAsync(leaf.Id)).Instance;
        Assert.That((cancelled.Status, cancelled.EndNodeId), Is.EqualTo((InstanceStatuses.Cancelled, "undone")));
        Assert.That(cancelled.Variables["undoneBy"]!.GetValue<string>(), Is.EqualTo("admin:stock recall"));
        Assert.That((leafAfter.Status, leafAfter.EndNodeId), Is.EqualTo((InstanceStatuses.Cancelled, "undone")));
        Assert.That(leafAfter.Variables["undoneBy"]!.GetValue<string>(), Is.EqualTo("admin:" + started.Id));
    }

    [Test]
    public async Task Failing_path_rolls_back_cancel()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(Leaf());
        var top = SubFlow("top", "leaf");
        WithPath(top, "throw new Error('release failed');");
        fx.Publish(top);
        var started = await fx.StartAsync("top");
        var leaf = (await ChildrenAsync(fx, started.Id)).Single();

        var failed = Assert.ThrowsAsync<InstanceActionException>(
            () => fx.Engine.CancelAsync(started.Id, "admin", null, CancellationToken.None));

        Assert.That(failed!.Error, Is.EqualTo(InstanceActionError.CancellationPathFailed));
        Assert.That((failed.InstanceId, failed.NodeId), Is.EqualTo((started.Id, "undo")));
        Assert.That(failed.Message, Does.StartWith(
            $"Instance {started.Id} was not cancelled: node 'undo' (script) of the cancellation path (settings.onCancel) " +
            "failed: "));
        await fx.InstanceRunningAsync(started.Id);
        await fx.InstanceRunningAsync(leaf.Id);
        await fx.TaskAssignedToAsync(leaf.Id, "check", "carol");
    }

    [Test]
    public async Task Cancel_of_ended_instance_conflicts()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(Leaf());
        var started = await fx.StartAsync("leaf");
        await fx.Engine.CancelAsync(started.Id, "admin", null, CancellationToken.None);

        Assert.ThrowsAsync<ConcurrencyConflictException>(
            () => fx.Engine.CancelAsync(started.Id, "admin", null, CancellationToken.None));
    }

    private static Task<IReadOnlyList<WorkflowInstance>> ChildrenAsync(EngineFixture fx, string parentId) =>
        fx.Engine.QueryInstancesAsync(new InstanceQuery { ParentInstanceId = parentId }, CancellationToken.None);
}
