using WorkflowKit.Definitions.Flows;
using WorkflowKit.Runtime.Tasks;

namespace WorkflowKit.Runtime.Tests.Approvals;

/// <summary>
/// A person who acts on a task that another person's decision already cancelled gets a conflict that names who decided and when.
/// </summary>
public sealed class DecidedConflictTests
{
    [Test]
    public async Task Or_sign_second_approver_learns_decider()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(new FlowBuilder("order")
            .Start().Approval("manager", ApprovalModes.OrSign, ["dave", "grace"]).End()
            .Chain("start", "manager", "end"));
        var instance = await fx.StartAsync("order");
        var dave = await fx.TaskAssignedToAsync(instance.Id, "manager", "dave");
        var grace = await fx.TaskAssignedToAsync(instance.Id, "manager", "grace");
        fx.Time.Advance(TimeSpan.FromMinutes(5));
        await fx.ActAsync(dave, TaskActions.Approve);
        fx.Time.Advance(TimeSpan.FromMinutes(1));

        var conflict = Assert.ThrowsAsync<ConcurrencyConflictException>(() => fx.ActAsync(grace, TaskActions.Approve));

        Assert.That(conflict!.ChangedBy, Is.EqualTo("dave"));
        Assert.That(conflict.ChangedAt, Is.EqualTo(EngineFixture.StartTime.AddMinutes(5)));
        Assert.That(conflict.Message, Is.EqualTo(
            $"Task {grace.Id} is already cancelled (decided by dave at 2025-03-03 01:05:00 UTC); reload your inbox."));
    }

    [Test]
    public async Task Second_submit_names_submit()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(new FlowBuilder("order")
            .Start().Approval("confirm", ApprovalModes.Countersign, ["dave", "grace"]).End()
            .Chain("start", "confirm", "end"));
        var instance = await fx.StartAsync("order");
        var dave = await fx.TaskAssignedToAsync(instance.Id, "confirm", "dave");
        fx.Time.Advance(TimeSpan.FromMinutes(5));
        await fx.ActAsync(dave, TaskActions.Submit);

        var conflict = Assert.ThrowsAsync<ConcurrencyConflictException>(() => fx.ActAsync(dave, TaskActions.Submit));

        Assert.That(conflict!.Message, Is.EqualTo(
            $"Task {dave.Id} is already completed (submitted by dave at 2025-03-03 01:05:00 UTC); reload your inbox."));
        var history = await fx.Engine.GetHistoryAsync(instance.Id, CancellationToken.None);
        Assert.That(history.Single(entry => entry.TaskId == dave.Id && entry.Actor == "dave").Action,
            Is.EqualTo("task.submit"));
    }

    [Test]
    public async Task Return_cancelled_peer_learns_returner()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(new FlowBuilder("order")
            .Start().Approval("manager", ApprovalModes.Countersign, ["dave", "grace"]).End()
            .Chain("start", "manager", "end"));
        var instance = await fx.StartAsync("order");
        var dave = await fx.TaskAssignedToAsync(instance.Id, "manager", "dave");
        var grace = await fx.TaskAssignedToAsync(instance.Id, "manager", "grace");
        await fx.ActAsync(dave, TaskActions.Return, comment: "wrong customer");

        var conflict = Assert.ThrowsAsync<ConcurrencyConflictException>(() => fx.ActAsync(grace, TaskActions.Approve));

        Assert.That(conflict!.ChangedBy, Is.EqualTo("dave"));
        Assert.That(conflict.ChangedAt, Is.EqualTo(EngineFixture.StartTime));
    }
}
