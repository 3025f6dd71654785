using WorkflowKit.Definitions.Conditions;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Runtime.Migration;
using WorkflowKit.Runtime.Tasks;

namespace WorkflowKit.Runtime.Tests.Migration;

/// <summary>
/// Migrating instances with a token waiting at a parallel join, on the shape of the credit review: the sales
/// branch always has an approval, and the limit branch has one only when the amount is above 100. Otherwise its
/// condition sends the token straight to the join on <c>e-within</c>.
/// </summary>
public sealed class JoinMigrationTests
{
    private static readonly Dictionary<string, string> NoMapping = [];

    [Test]
    public async Task SkippedBranch_StepAddedOnOtherBranch_Migrates()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(Review());
        var instance = await fx.StartAsync("credit", form: """{"amount": 50}""");
        fx.Publish(Review().Configure(FinanceAfterOfficer));

        var plan = await fx.Engine.PlanMigrationAsync(instance.Id, 2, NoMapping, CancellationToken.None);
        await fx.Engine.MigrateInstanceAsync(plan, "admin", CancellationToken.None);
        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "sales", "bob"), TaskActions.Approve);

        Assert.That(plan.Problems, Is.Empty);
        var arrival = plan.Items.Single(item => item.SourceNodeId == "join");
        Assert.That((arrival.SourceEdgeId, arrival.TargetEdgeId), Is.EqualTo(("e-within", "e-within")));
        await fx.InstanceEndedWithAsync(instance.Id, "end");
        await fx.NodeNotReachedAsync(instance.Id, "finance");
    }

    [Test]
    public async Task RunningBranch_StepAddedBeforeJoin_RunsIt()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(Review());
        var instance = await fx.StartAsync("credit", form: """{"amount": 150}""");
        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "sales", "bob"), TaskActions.Approve);
        fx.Publish(Review().Configure(FinanceAfterOfficer));

        var plan = await fx.Engine.PlanMigrationAsync(instance.Id, 2, NoMapping, CancellationToken.None);
        await fx.Engine.MigrateInstanceAsync(plan, "admin", CancellationToken.None);
        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "officer", "erin"), TaskActions.Approve);

        Assert.That(plan.Problems, Is.Empty);
        var arrival = plan.Items.Single(item => item.SourceNodeId == "join");
        Assert.That((arrival.SourceEdgeId, arrival.TargetEdgeId), Is.EqualTo(("e-sales-join", "e-sales-join")));
        await fx.InstanceRunningAsync(instance.Id);
        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "finance", "carol"), TaskActions.Approve);
        await fx.InstanceEndedWithAsync(instance.Id, "end");
        await fx.NodeCompletedAsync(instance.Id, "join");
    }

    [Test]
    public async Task SkippedBranch_StepAddedOnIt_NotRun()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(Review());
        var instance = await fx.StartAsync("credit", form: """{"amount": 50}""");
        fx.Publish(Review().Configure(flow =>
        {
            // The skipped branch's edge now leads to the new step, which enters the join on a new edge.
            flow.Edges.Single(edge => edge.Id == "e-within").To = "finance";
            flow.Nodes.Add(FinanceNode());
            flow.Edges.Add(new EdgeDefinition { Id = "e-finance-join", From = "finance", To = "join" });
        }));

        var plan = await fx.Engine.PlanMigrationAsync(instance.Id, 2, NoMapping, CancellationToken.None);
        await fx.Engine.MigrateInstanceAsync(plan, "admin", CancellationToken.None);
        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "sales", "bob"), TaskActions.Approve);

        Assert.That(plan.Problems, Is.Empty);
        var arrival = plan.Items.Single(item => item.SourceNodeId == "join");
        Assert.That((arrival.SourceEdgeId, arrival.TargetEdgeId), Is.EqualTo(("e-within", "e-finance-join")));
        await fx.InstanceEndedWithAsync(instance.Id, "end");
        await fx.NodeNotReachedAsync(instance.Id, "finance");
    }

    [Test]
    public async Task NewEdgesFromCondition_Ambiguous_MappedByHand()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(Review());
        var instance = await fx.StartAsync("credit", form: """{"amount": 50}""");
        fx.Publish(Review().Configure(flow =>
        {
            // The owner deleted e-within and drew two new edges through the new step.
            flow.Edges.RemoveAll(edge => edge.Id == "e-within");
            flow.Nodes.Add(FinanceNode());
            flow.Edges.Add(new EdgeDefinition { Id = "e-limit-finance", From = "limit", To = "finance", IsDefault = true });
            flow.Edges.Add(new EdgeDefinition { Id = "e-finance-join", From = "finance", To = "join" });
        }));

        var plan = await fx.Engine.PlanMigrationAsync(instance.Id, 2, NoMapping, CancellationToken.None);
        var mapped = await fx.Engine.PlanMigrationAsync(
            instance.Id, 2, new Dictionary<string, string> { ["e-within"] = "e-finance-join" }, CancellationToken.None);
        await fx.Engine.MigrateInstanceAsync(mapped, "admin", CancellationToken.None);
        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "sales", "bob"), TaskActions.Approve);

        Assert.That(plan.Problems.Select(problem => $"{problem.Code} {problem.NodeId}"),
            Is.EqualTo(new[] { "joinBranchAmbiguous join" }));
        Assert.That(plan.Problems[0].Message, Is.EqualTo(
            $"Join 'join' of instance {instance.Id} has a waiting token that arrived from node 'limit' on edge 'e-within', " +
            "but in version 2 node 'limit' leads into 'join' on several edges (e-officer-join, e-finance-join). To " +
            "migrate, map the arrival to one of them (e-within=EDGE_ID), or let the instance finish on version 1."));
        Assert.That(plan.Problems[0].Arguments["edges"], Is.EqualTo("e-officer-join, e-finance-join"));
        Assert.That(mapped.Problems, Is.Empty);
        await fx.InstanceEndedWithAsync(instance.Id, "end");
    }

    [Test]
    public async Task ArrivalMappedToOtherJoinsEdge_Blocked()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(Review());
        var instance = await fx.StartAsync("credit", form: """{"amount": 50}""");
        fx.Publish(Review().Configure(FinanceAfterOfficer));

        var plan = await fx.Engine.PlanMigrationAsync(
            instance.Id, 2, new Dictionary<string, string> { ["e-within"] = "e-limit-officer" }, CancellationToken.None);

        Assert.That(plan.Problems.Select(problem => $"{problem.Code} {problem.NodeId}"),
            Is.EqualTo(new[] { "invalidMapping join", "joinBranchRemoved join" }));
        Assert.That(plan.Problems[0].Message, Is.EqualTo(
            "Mapping e-within=e-limit-officer: version 2 has no edge 'e-limit-officer' into join 'join'; map the " +
            "arrival to one of its incoming edges (e-sales-join, e-within, e-officer-join)."));
    }

    [Test]
    public async Task RemovedBranch_Blocked_NamesBranch()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(Review());
        var instance = await fx.StartAsync("credit", form: """{"amount": 50}""");
        var before = await fx.InstanceAsync(instance.Id);
        fx.Publish(Review().Configure(flow =>
        {
            // Version 2 has no limit check: the officer always reviews.
            flow.Nodes.RemoveAll(node => node.Id == "limit");
            flow.Edges.RemoveAll(edge => edge.From == "limit" || edge.To == "limit");
            flow.Edges.Add(new EdgeDefinition { Id = "e-officer", From = "split", To = "officer" });
        }));

        var plan = await fx.Engine.PlanMigrationAsync(instance.Id, 2, NoMapping, CancellationToken.None);

        Assert.That(plan.Problems.Select(problem => $"{problem.Code} {problem.NodeId}"),
            Is.EqualTo(new[] { "joinBranchRemoved join" }));
        Assert.That(plan.Problems[0].Message, Is.EqualTo(
            $"Join 'join' of instance {instance.Id} has a waiting token that arrived from node 'limit' on edge 'e-within', " +
            "but version 2 has no node 'limit', so the join cannot count that arrival. To migrate, map the node if " +
            "it was renamed (limit=NEW_ID), map the arrival to an incoming edge of 'join' (e-within=EDGE_ID), or " +
            "let the instance finish on version 1."));
        Assert.That(plan.Problems[0].Arguments["nodeMissing"], Is.EqualTo("true"));
        Assert.That(plan.Items.Single(item => item.SourceNodeId == "join").TargetEdgeId, Is.Null);
        Assert.ThrowsAsync<MigrationBlockedException>(
            () => fx.Engine.MigrateInstanceAsync(plan, "admin", CancellationToken.None));
        var after = await fx.InstanceAsync(instance.Id);
        Assert.That(after.Instance.FlowVersion, Is.EqualTo(1));
        Assert.That(after.Instance.Version, Is.EqualTo(before.Instance.Version));
    }

    [Test]
    public async Task BranchRoutedAway_Blocked()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(Review());
        var instance = await fx.StartAsync("credit", form: """{"amount": 50}""");
        fx.Publish(Review().Configure(flow =>
        {
            flow.Nodes.Add(new NodeDefinition { Id = "declined", Type = NodeTypes.End });
            flow.Edges.Single(edge => edge.Id == "e-within").To = "declined";
        }));

        var plan = await fx.Engine.PlanMigrationAsync(instance.Id, 2, NoMapping, CancellationToken.None);

        Assert.That(plan.Problems.Select(problem => $"{problem.Code} {problem.NodeId}"),
            Is.EqualTo(new[] { "joinBranchRemoved join" }));
        Assert.That(plan.Problems[0].Message, Does.Contain(
            "but in version 2 node 'limit' no longer leads into 'join', so the join cannot count that arrival."));
        Assert.That(plan.Problems[0].Arguments["nodeMissing"], Is.EqualTo("false"));
    }

    [Test]
    public async Task TwoArrivalsMappedToOneEdge_Blocked()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(Review().Approval("third", "dave").Configure(flow =>
            flow.Edges.Add(new EdgeDefinition { Id = "e-third", From = "split", To = "third" })).Edge("third", "join"));
        var instance = await fx.StartAsync("credit", form: """{"amount": 50}""");
        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "sales", "bob"), TaskActions.Approve);
        fx.Publish(Review());

        var plan = await fx.Engine.PlanMigrationAsync(
            instance.Id, 2, new Dictionary<string, string> { ["e-within"] = "e-sales-join" }, CancellationToken.None);

        Assert.That(plan.Problems.Select(problem => $"{problem.Code} {problem.NodeId}"),
            Is.EqualTo(new[] { "nodeMissing third", "joinBranchesMerged join" }));
        Assert.That(plan.Problems[1].Message, Is.EqualTo(
            $"Join 'join' of instance {instance.Id} has waiting tokens that arrived on edges 'e-sales-join' and " +
            "'e-within', which both enter 'join' on edge 'e-sales-join' in version 2, so the join would count " +
            "one branch twice. To migrate, map one arrival to another incoming edge (e-within=EDGE_ID), or let " +
            "the instance finish on version 1."));
    }

    private static FlowBuilder Review() =>
        new FlowBuilder("credit").Start()
            .Node("split", NodeTypes.ParallelSplit).Approval("sales", "bob").Node("limit", NodeTypes.Condition)
            .Approval("officer", "erin").Node("join", NodeTypes.ParallelJoin).End()
            .Configure(flow => flow.Edges.AddRange(
            [
                new EdgeDefinition { Id = "e-start", From = "start", To = "split" },
                new EdgeDefinition { Id = "e-sales", From = "split", To = "sales" },
                new EdgeDefinition { Id = "e-limit", From = "split", To = "limit" },
                new EdgeDefinition { Id = "e-sales-join", From = "sales", To = "join" },
                new EdgeDefinition
                {
                    Id = "e-exceeds", From = "limit", To = "officer", Priority = 1,
                    Condition = Condition.Script("form.amount > 100"),
                },
                new EdgeDefinition { Id = "e-within", From = "limit", To = "join", IsDefault = true },
                new EdgeDefinition { Id = "e-officer-join", From = "officer", To = "join" },
                new EdgeDefinition { Id = "e-join", From = "join", To = "end" },
            ]));

    /// <summary>Inserts "finance" after "officer" the way the designer does: it takes over the officer's edge.</summary>
    private static void FinanceAfterOfficer(FlowDefinition flow)
    {
        flow.Nodes.Add(FinanceNode());
        flow.Edges.Single(edge => edge.Id == "e-officer-join").From = "finance";
        flow.Edges.Add(new EdgeDefinition { Id = "e-officer-finance", From = "officer", To = "finance" });
    }

    private static NodeDefinition FinanceNode() => new()
    {
        Id = "finance",
        Type = NodeTypes.Approval,
        Assignees = [new AssigneeRule { Type = AssigneeTypes.User, Value = "carol" }],
    };
}
