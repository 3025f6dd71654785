using WorkflowKit.Definitions.Conditions;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Runtime.Tasks;

namespace WorkflowKit.Runtime.Tests.Approvals;

/// <summary>
/// Conditional edges straight out of an approval or fill-in node, evaluated when its task completes: an approval
/// routes approve and reject each its own way, a fill-in routes by the form, and a rejection with no edge whose
/// condition holds still ends the instance as rejected.
/// </summary>
public sealed class TaskBranchRoutingTests
{
    private static FlowBuilder ReviewWithRework(Condition rejected) => new FlowBuilder("claim")
        .Start().Approval("review", "dave").End("approved").End("rework")
        .Edge("start", "review")
        .Edge("review", "approved", isDefault: true)
        .Configure(flow => flow.Edges.Add(new EdgeDefinition
        {
            Id = "e-rework", From = "review", To = "rework", Priority = 1, Condition = rejected,
        }));

    private static readonly Condition RejectedScript = Condition.Script("nodes.review.outcome === 'rejected'");

    private static readonly Condition RejectedRule = new()
    {
        Any =
        [
            new RuleGroup
            {
                All = [new Rule { Field = "nodes.review.outcome", Operator = RuleOperators.Equal, Value = "rejected" }],
            },
        ],
    };

    [Test]
    public async Task Approve_takes_default_edge()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(ReviewWithRework(RejectedScript));
        var instance = await fx.StartAsync("claim");

        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "review", "dave"), TaskActions.Approve);

        await fx.InstanceEndedWithAsync(instance.Id, "approved");
        await fx.NodeNotReachedAsync(instance.Id, "rework");
    }

    [Test]
    public async Task Reject_takes_rejected_edge()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(ReviewWithRework(RejectedScript));
        var instance = await fx.StartAsync("claim");

        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "review", "dave"), TaskActions.Reject, comment: "redo");

        await fx.InstanceEndedWithAsync(instance.Id, "rework", InstanceStatuses.Completed);
        await fx.NodeNotReachedAsync(instance.Id, "approved");
    }

    [Test]
    public async Task Reject_edge_reads_comment()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(new FlowBuilder("claim")
            .Start().Approval("review", "dave").End("approved")
            .Script("keepReason", "form.reason = nodes.review.rejectedBy + ': ' + nodes.review.comment;").End("rework")
            .Edge("start", "review")
            .Edge("review", "approved", isDefault: true)
            .Edge("review", "keepReason", when: "nodes.review.outcome === 'rejected'", priority: 1)
            .Edge("keepReason", "rework"));
        var instance = await fx.StartAsync("claim");

        await fx.ActAsync(
            await fx.TaskAssignedToAsync(instance.Id, "review", "dave"), TaskActions.Reject, comment: "账期过长");

        var ended = (await fx.Engine.GetInstanceAsync(instance.Id, CancellationToken.None))!.Instance;
        Assert.That(ended.EndNodeId, Is.EqualTo("rework"));
        Assert.That(ended.Form["reason"]?.GetValue<string>(), Is.EqualTo("dave: 账期过长"));
    }

    [Test]
    public async Task Approve_edge_reads_comment()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(new FlowBuilder("claim")
            .Start().Approval("review", "dave")
            .Script("keepNote", "form.note = nodes.review.outcome + ': ' + nodes.review.comment;").End("approved")
            .Edge("start", "review")
            .Edge("review", "keepNote")
            .Edge("keepNote", "approved"));
        var instance = await fx.StartAsync("claim");

        await fx.ActAsync(
            await fx.TaskAssignedToAsync(instance.Id, "review", "dave"), TaskActions.Approve, comment: "同意提额");

        var ended = (await fx.Engine.GetInstanceAsync(instance.Id, CancellationToken.None))!.Instance;
        Assert.That(ended.EndNodeId, Is.EqualTo("approved"));
        Assert.That(ended.Form["note"]?.GetValue<string>(), Is.EqualTo("approved: 同意提额"));
    }

    [Test]
    public async Task Reject_by_rule_over_outcome()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(ReviewWithRework(RejectedRule));
        var instance = await fx.StartAsync("claim");

        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "review", "dave"), TaskActions.Reject);

        await fx.InstanceEndedWithAsync(instance.Id, "rework", InstanceStatuses.Completed);
    }

    [Test]
    public async Task Reject_without_matching_edge_ends_rejected()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(ReviewWithRework(Condition.Script("form.amount > 1000")));
        var instance = await fx.StartAsync("claim", form: """{"amount": 5}""");

        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "review", "dave"), TaskActions.Reject);

        await fx.InstanceEndedWithAsync(instance.Id, "review", InstanceStatuses.Rejected);
    }

    [TestCase(5000, "large")]
    [TestCase(5, "small")]
    public async Task Fill_in_routes_by_form(int amount, string end)
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(new FlowBuilder("claim")
            .Start().FillIn("draft", "alice").End("large").End("small")
            .Edge("start", "draft")
            .Edge("draft", "large", when: "form.amount > 1000", priority: 1)
            .Edge("draft", "small", isDefault: true));
        var instance = await fx.StartAsync("claim", form: $$"""{"amount": {{amount}}}""");

        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "draft", "alice"), TaskActions.Submit);

        await fx.InstanceEndedWithAsync(instance.Id, end);
    }
}
