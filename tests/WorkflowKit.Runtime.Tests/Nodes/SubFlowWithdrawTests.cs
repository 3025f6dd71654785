using WorkflowKit.Definitions.Flows;
using WorkflowKit.Runtime.Instances;
using WorkflowKit.Runtime.Tasks;

namespace WorkflowKit.Runtime.Tests.Nodes;

/// <summary>
/// Withdrawing an instance whose sub-flows have tasks: an action on a sub-flow's task is the submission's first action,
/// as a warehouse's shipment confirmation is for an order, so the initiator can no longer withdraw.
/// </summary>
public sealed class SubFlowWithdrawTests
{
    private static async Task<EngineFixture> FixtureAsync()
    {
        var fx = await EngineFixture.CreateAsync();
        fx.Publish(new FlowBuilder("line").Start().Approval("check", "carol").End().Chain("start", "check", "end"));
        fx.Publish(new FlowBuilder("order")
            .Start()
            .Node("lines", NodeTypes.SubFlow, node =>
            {
                node.Flow = "line";
                node.ForEach = "form.items";
                node.Input = new() { ["amount"] = "row.amount" };
            })
            .End()
            .Chain("start", "lines", "end"));
        return fx;
    }

    private const string TwoItems = """{"items": [{"amount": 1}, {"amount": 2}]}""";

    [Test]
    public async Task Withdraw_before_subflow_action_ends()
    {
        await using var fx = await FixtureAsync();
        var parent = await fx.StartAsync("order", form: TwoItems);

        await fx.Engine.WithdrawAsync(parent.Id, "alice", "wrong customer", CancellationToken.None);

        await fx.InstanceEndedWithAsync(parent.Id, null!, status: InstanceStatuses.Withdrawn);
    }

    [Test]
    public async Task Withdraw_after_subflow_action_rejected()
    {
        await using var fx = await FixtureAsync();
        var parent = await fx.StartAsync("order", form: TwoItems);
        var children = await fx.Engine.QueryInstancesAsync(
            new InstanceQuery { ParentInstanceId = parent.Id }, CancellationToken.None);
        var first = children.Single(child => child.Form["amount"]!.GetValue<int>() == 1);
        var task = (await fx.OpenTasksAsync(first.Id)).Single();
        await fx.ActAsync(task, TaskActions.Approve);

        var error = Assert.ThrowsAsync<InstanceActionException>(
            () => fx.Engine.WithdrawAsync(parent.Id, "alice", null, CancellationToken.None));

        Assert.That(error!.Error, Is.EqualTo(InstanceActionError.AlreadyActed));
        Assert.That(error.SubFlowInstanceId, Is.EqualTo(first.Id));
        Assert.That(error.NodeId, Is.EqualTo("check"));
        Assert.That(error.Message, Is.EqualTo(
            $"Instance {parent.Id} can no longer be withdrawn: carol already acted on task {task.Id} at node 'check' " +
            $"of its sub-flow 'line' (instance {first.Id}). That task is completed, so nobody can return it; an " +
            "administrator can cancel the submission instead."));
        await fx.InstanceRunningAsync(parent.Id);
    }
}
