using WorkflowKit.Definitions.Flows;
using WorkflowKit.Runtime.Audit;
using WorkflowKit.Runtime.Tasks;

namespace WorkflowKit.Runtime.Tests.Approvals;

/// <summary>
/// The engine accepts exactly <see cref="TaskActions.Names"/>: an unknown name's error lists all of them, and every one
/// of them reaches the handler rather than being rejected as unknown.
/// </summary>
public sealed class TaskActionNameTests
{
    private static FlowBuilder Flow() => new FlowBuilder("names")
        .Start().Approval("approve", ApprovalModes.Single, ["bob"]).End()
        .Chain("start", "approve", "end");

    [Test]
    public async Task Unknown_name_lists_every_name()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(Flow());
        var instance = await fx.StartAsync("names");
        var bob = await fx.TaskAssignedToAsync(instance.Id, "approve", "bob");

        var error = Assert.ThrowsAsync<TaskActionException>(() => fx.Engine.ActAsync(
            new TaskActionRequest(bob.Id, "sign", "bob"), CancellationToken.None));

        Assert.That(error!.Message, Is.EqualTo(
            $"Unknown task action \"sign\" on task {bob.Id}; set action to one of approve, reject, submit, return, " +
            "transfer, addSigner, addSignerBefore, addSignerAfter, comment, cc, resubmit, withdraw."));
        Assert.That(error.Error, Is.EqualTo(TaskActionError.UnknownAction));
        Assert.That(error.Accepted, Is.EqualTo(TaskActions.Names));
    }

    [TestCase("")]
    [TestCase(" ")]
    public async Task Missing_name_is_reported_missing(string action)
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(Flow());
        var instance = await fx.StartAsync("names");
        var bob = await fx.TaskAssignedToAsync(instance.Id, "approve", "bob");

        var error = Assert.ThrowsAsync<TaskActionException>(() => fx.Engine.ActAsync(
            new TaskActionRequest(bob.Id, action, "bob"), CancellationToken.None));

        Assert.That(error!.Message, Is.EqualTo(
            $"The task action is missing on task {bob.Id}; set action to one of approve, reject, submit, return, " +
            "transfer, addSigner, addSignerBefore, addSignerAfter, comment, cc, resubmit, withdraw."));
        Assert.That(error.Error, Is.EqualTo(TaskActionError.UnknownAction));
    }

    [TestCaseSource(typeof(TaskActions), nameof(TaskActions.Names))]
    public async Task Every_name_reaches_handler(string action)
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(Flow());
        var instance = await fx.StartAsync("names");
        var bob = await fx.TaskAssignedToAsync(instance.Id, "approve", "bob");

        // The only rejections left are those of resubmit and withdraw, which only a resubmission task offers.
        try
        {
            await fx.Engine.ActAsync(
                new TaskActionRequest(bob.Id, action, "bob") { TargetUserId = "grace" }, CancellationToken.None);
        }
        catch (TaskActionException error)
        {
            Assert.That(action, Is.AnyOf(TaskActions.Resubmit, TaskActions.Withdraw), error.Message);
            Assert.That(error.Error, Is.EqualTo(TaskActionError.ActionNotOffered), error.Message);
            return;
        }

        // A return at the first human node goes back to the initiator.
        var history = await fx.Engine.GetHistoryAsync(instance.Id, CancellationToken.None);
        var expected = action switch
        {
            TaskActions.AddSignerBefore or TaskActions.AddSignerAfter => "task." + TaskActions.AddSigner,
            TaskActions.Return => AuditActions.ReturnedToInitiator,
            _ => "task." + action,
        };
        Assert.That(action, Is.Not.AnyOf(TaskActions.Resubmit, TaskActions.Withdraw));
        Assert.That(history.Select(entry => entry.Action), Has.Member(expected));
    }

    [TestCase(TaskActions.AddSignerBefore, "before")]
    [TestCase(TaskActions.AddSignerAfter, "after")]
    public async Task Positioned_name_adds_signer(string action, string position)
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(Flow());
        var instance = await fx.StartAsync("names");
        var bob = await fx.TaskAssignedToAsync(instance.Id, "approve", "bob");

        await fx.Engine.ActAsync(
            new TaskActionRequest(bob.Id, action, "bob") { TargetUserId = "grace" }, CancellationToken.None);

        var added = (await fx.Engine.GetHistoryAsync(instance.Id, CancellationToken.None))
            .Single(entry => entry.Action == AuditActions.TaskActionPrefix + TaskActions.AddSigner);
        Assert.That(added.Details?["signer"]?.GetValue<string>(), Is.EqualTo("grace"));
        Assert.That(added.Details?["position"]?.GetValue<string>(), Is.EqualTo(position));
    }

    [Test]
    public async Task Positioned_name_contradicting_position()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(Flow());
        var instance = await fx.StartAsync("names");
        var bob = await fx.TaskAssignedToAsync(instance.Id, "approve", "bob");

        var error = Assert.ThrowsAsync<TaskActionException>(() => fx.Engine.ActAsync(
            new TaskActionRequest(bob.Id, TaskActions.AddSignerBefore, "bob")
            {
                TargetUserId = "grace", SignerPosition = "after",
            },
            CancellationToken.None));

        Assert.That(error!.Error, Is.EqualTo(TaskActionError.InvalidSignerPosition));
        Assert.That(error.Message, Is.EqualTo(
            $"Action \"addSignerBefore\" on task {bob.Id} contradicts signerPosition \"after\". Leave signerPosition " +
            "out, or send action \"addSigner\" with the position you want."));
    }
}
