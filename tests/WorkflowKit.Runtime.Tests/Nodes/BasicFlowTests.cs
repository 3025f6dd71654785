using WorkflowKit.Definitions.Flows;
using WorkflowKit.Runtime.Notifications;

namespace WorkflowKit.Runtime.Tests.Nodes;

public sealed class BasicFlowTests
{
    private static FlowBuilder Approval() => new FlowBuilder("leave")
        .Start()
        .Approval("approve", "bob")
        .End("end-approved")
        .End("end-rejected")
        .Chain("start", "approve")
        .Edge("approve", "end-rejected", when: "nodes.approve.outcome === 'rejected'")
        .Edge("approve", "end-approved", isDefault: true);

    [Test]
    public async Task Approve_EndsApproved()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(Approval());

        var instance = await fx.StartAsync("leave", "alice", """{"days": 3}""");
        var task = await fx.TaskAssignedToAsync(instance.Id, "approve", "bob");
        await fx.ActAsync(task, "approve");

        await fx.NodeCompletedAsync(instance.Id, "approve");
        await fx.InstanceEndedWithAsync(instance.Id, "end-approved");
    }

    [Test]
    public async Task Reject_FollowsRejectEdge()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(Approval());

        var instance = await fx.StartAsync("leave");
        var task = await fx.TaskAssignedToAsync(instance.Id, "approve", "bob");
        await fx.ActAsync(task, "reject", comment: "no");

        await fx.InstanceEndedWithAsync(instance.Id, "end-rejected");
    }

    [Test]
    public async Task Reject_NoRejectEdge_EndsRejected()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(new FlowBuilder("simple").Start().Approval("approve", "bob").End().Chain("start", "approve", "end"));

        var instance = await fx.StartAsync("simple");
        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "approve", "bob"), "reject");

        await fx.InstanceEndedWithAsync(instance.Id, "approve", status: InstanceStatuses.Rejected);
    }

    [Test]
    public async Task Condition_ByPriority_ElseDefault()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(new FlowBuilder("route")
            .Start().Node("check", NodeTypes.Condition).End("big").End("medium").End("small")
            .Chain("start", "check")
            .Edge("check", "medium", when: "form.amount > 100", priority: 2)
            .Edge("check", "big", when: "form.amount > 1000", priority: 1)
            .Edge("check", "small", isDefault: true));

        var big = await fx.StartAsync("route", form: """{"amount": 5000}""");
        var medium = await fx.StartAsync("route", form: """{"amount": 500}""");
        var small = await fx.StartAsync("route", form: """{"amount": 5}""");

        await fx.InstanceEndedWithAsync(big.Id, "big");
        await fx.InstanceEndedWithAsync(medium.Id, "medium");
        await fx.InstanceEndedWithAsync(small.Id, "small");
    }

    [Test]
    public async Task Condition_NoEdge_RaisesIncident()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(new FlowBuilder("route")
            .Start().Node("check", NodeTypes.Condition).End("big")
            .Chain("start", "check")
            .Edge("check", "big", when: "form.amount > 1000"));

        var instance = await fx.StartAsync("route", form: """{"amount": 5}""");

        var detail = await fx.InstanceAsync(instance.Id);
        Assert.That(detail.Incidents, Has.Count.EqualTo(1));
        Assert.That(detail.Incidents[0].Message, Does.Contain("Node 'check': no outgoing edge's condition holds"));
        Assert.That(detail.Instance.Status, Is.EqualTo(InstanceStatuses.Running));
    }

    [Test]
    public async Task Script_ChangesFormAndVars()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(new FlowBuilder("calc")
            .Start().Script("total", "form.total = form.qty * form.price; vars.checked = true;").End()
            .Chain("start", "total", "end"));

        var instance = await fx.StartAsync("calc", form: """{"qty": 3, "price": 7}""");

        var detail = await fx.InstanceAsync(instance.Id);
        Assert.Multiple(() =>
        {
            Assert.That(detail.Instance.Form["total"]!.GetValue<decimal>(), Is.EqualTo(21m));
            Assert.That(detail.Instance.Variables["checked"]!.GetValue<bool>(), Is.True);
            Assert.That(detail.Instance.Status, Is.EqualTo(InstanceStatuses.Completed));
        });
    }

    [Test]
    public async Task CarbonCopy_NotifiesRecipients()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(new FlowBuilder("cc")
            .Start()
            .Node("copy", NodeTypes.CarbonCopy, node => node.Recipients =
                [new AssigneeRule { Type = AssigneeTypes.Role, Value = "manager" }])
            .End()
            .Chain("start", "copy", "end"));

        var instance = await fx.StartAsync("cc");

        await fx.InstanceEndedWithAsync(instance.Id, "end");
        foreach (var manager in new[] { "dave", "grace" })
        {
            var notes = await fx.Engine.GetNotificationsAsync(manager, unreadOnly: true, CancellationToken.None);
            Assert.That(notes.Select(note => (note.Kind, note.InstanceId)),
                Is.EqualTo(new[] { (NotificationKinds.CarbonCopy, (string?)instance.Id) }));
        }
    }

    [Test]
    public async Task History_Start_HasSnapshot()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(Approval());

        var instance = await fx.Engine.StartAsync(
            new Instances.StartInstanceRequest("leave", "alice")
            {
                TriggerKind = TriggerKinds.Form,
                Form = new System.Text.Json.Nodes.JsonObject { ["days"] = 2 },
            },
            CancellationToken.None);

        var history = await fx.Engine.GetHistoryAsync(instance.Id, CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(instance.TriggerKind, Is.EqualTo(TriggerKinds.Form));
            Assert.That(history[0].Action, Is.EqualTo("instance.started"));
            Assert.That(history[0].Actor, Is.EqualTo("alice"));
            Assert.That(history[0].FormSnapshot!["days"]!.GetValue<int>(), Is.EqualTo(2));
        });
    }

    [Test]
    public async Task Start_SameKey_ReturnsFirst()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(Approval());
        var request = new Instances.StartInstanceRequest("leave", "alice") { IdempotencyKey = "submission-17" };

        var first = await fx.Engine.StartAsync(request, CancellationToken.None);
        var second = await fx.Engine.StartAsync(request, CancellationToken.None);

        Assert.That(second.Id, Is.EqualTo(first.Id));
        var all = await fx.Engine.QueryInstancesAsync(new Instances.InstanceQuery { FlowKey = "leave" }, CancellationToken.None);
        Assert.That(all, Has.Count.EqualTo(1));
    }
}
