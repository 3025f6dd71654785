using WorkflowKit.Definitions.Flows;
using WorkflowKit.Runtime.Instances;
using WorkflowKit.Runtime.Tasks;

namespace WorkflowKit.Runtime.Tests.Nodes;

/// <summary>
/// A sub-flow node with <c>forEach</c> that waits: the parent moves on only when every child has ended, with each
/// child's end in element order, and ending the parent cancels the children still running.
/// </summary>
public sealed class SubFlowForEachWaitTests
{
    private static async Task<EngineFixture> FixtureAsync(FlowBuilder child)
    {
        var fx = await EngineFixture.CreateAsync();
        fx.Publish(child);
        fx.Publish(new FlowBuilder("order")
            .Start()
            .Node("lines", NodeTypes.SubFlow, node =>
            {
                node.Flow = "line";
                node.ForEach = "form.items";
                node.Input = new() { ["amount"] = "row.amount" };
                node.ResultVariable = "lines";
            })
            .Script("sum", "vars.total = vars.lines.reduce((sum, line) => sum + line.form.amount, 0);")
            .End()
            .Chain("start", "lines", "sum", "end"));
        return fx;
    }

    private static FlowBuilder ApprovedLine() =>
        new FlowBuilder("line").Start().Approval("check", "carol").End().Chain("start", "check", "end");

    private const string ThreeItems = """{"items": [{"amount": 1}, {"amount": 2}, {"amount": 3}]}""";

    [Test]
    public async Task Parent_waits_for_every_child()
    {
        await using var fx = await FixtureAsync(ApprovedLine());
        var parent = await fx.StartAsync("order", form: ThreeItems);
        var checks = (await fx.OpenTasksAsync(parent.Id)).ToList();
        var children = await fx.Engine.QueryInstancesAsync(
            new InstanceQuery { ParentInstanceId = parent.Id }, CancellationToken.None);
        var byAmount = children.ToDictionary(child => child.Form["amount"]!.GetValue<int>(), child => child.Id);

        foreach (var amount in new[] { 3, 1 })
        {
            var task = (await fx.OpenTasksAsync(byAmount[amount])).Single();
            await fx.ActAsync(task, TaskActions.Approve);
        }

        var waiting = (await fx.InstanceAsync(parent.Id)).Instance;
        await fx.ActAsync((await fx.OpenTasksAsync(byAmount[2])).Single(), TaskActions.Approve);

        Assert.That(checks, Is.Empty, "the parent has no task of its own");
        Assert.That(waiting.Status, Is.EqualTo(InstanceStatuses.Running));
        await fx.InstanceEndedWithAsync(parent.Id, "end");
        var done = (await fx.InstanceAsync(parent.Id)).Instance;
        var lines = done.Variables["lines"]!.AsArray();
        Assert.That(lines.Select(line => line!["form"]!["amount"]!.GetValue<int>()), Is.EqualTo(new[] { 1, 2, 3 }));
        Assert.That(lines.Select(line => line!["status"]!.GetValue<string>()), Is.All.EqualTo(InstanceStatuses.Completed));
        Assert.That(lines.Select(line => line!["instanceId"]!.GetValue<string>()),
            Is.EqualTo(new[] { byAmount[1], byAmount[2], byAmount[3] }));
        Assert.That(done.Variables["total"]!.GetValue<decimal>(), Is.EqualTo(6m));
    }

    [Test]
    public async Task Parent_trail_names_each_child()
    {
        await using var fx = await FixtureAsync(ApprovedLine());

        var parent = await fx.StartAsync("order", form: ThreeItems);

        var children = await fx.Engine.QueryInstancesAsync(
            new InstanceQuery { ParentInstanceId = parent.Id }, CancellationToken.None);
        var lines = (await fx.Engine.GetHistoryAsync(parent.Id, CancellationToken.None))
            .Where(entry => entry.Action == WorkflowKit.Runtime.Audit.AuditActions.SubFlowStarted)
            .ToList();
        Assert.That(lines.Select(line => line.Details!["child"]!.GetValue<string>()),
            Is.EquivalentTo(children.Select(child => child.Id)));
        Assert.That(lines.Select(line => (line.NodeId, line.Actor, line.Details!["flow"]!.GetValue<string>())),
            Is.All.EqualTo(("lines", "system", "line")));
    }

    [Test]
    public async Task Children_ending_at_once_pass()
    {
        await using var fx = await FixtureAsync(new FlowBuilder("line").Start().End().Chain("start", "end"));

        var parent = await fx.StartAsync("order", form: ThreeItems);

        await fx.InstanceEndedWithAsync(parent.Id, "end");
        var done = (await fx.InstanceAsync(parent.Id)).Instance;
        Assert.That(done.Variables["total"]!.GetValue<decimal>(), Is.EqualTo(6m));
    }

    [Test]
    public async Task Empty_list_passes()
    {
        await using var fx = await FixtureAsync(ApprovedLine());

        var parent = await fx.StartAsync("order", form: """{"items": []}""");

        await fx.InstanceEndedWithAsync(parent.Id, "end");
        Assert.That((await fx.InstanceAsync(parent.Id)).Instance.Variables["total"]!.GetValue<decimal>(), Is.EqualTo(0m));
    }

    [Test]
    public async Task Cancel_ends_running_children()
    {
        await using var fx = await FixtureAsync(ApprovedLine());
        var parent = await fx.StartAsync("order", form: ThreeItems);
        var children = await fx.Engine.QueryInstancesAsync(
            new InstanceQuery { ParentInstanceId = parent.Id }, CancellationToken.None);
        await fx.ActAsync((await fx.OpenTasksAsync(children[0].Id)).Single(), TaskActions.Approve);

        await fx.Engine.CancelAsync(parent.Id, "admin", "order withdrawn", CancellationToken.None);

        var after = await fx.Engine.QueryInstancesAsync(
            new InstanceQuery { ParentInstanceId = parent.Id }, CancellationToken.None);
        Assert.That(after.Single(child => child.Id == children[0].Id).Status, Is.EqualTo(InstanceStatuses.Completed));
        Assert.That(after.Where(child => child.Id != children[0].Id).Select(child => child.Status),
            Is.All.EqualTo(InstanceStatuses.Cancelled));
    }
}
