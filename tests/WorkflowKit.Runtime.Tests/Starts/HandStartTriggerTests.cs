using System.Text.Json.Nodes;
using Dapper;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Runtime.Instances;

namespace WorkflowKit.Runtime.Tests.Starts;

/// <summary>
/// A flow's triggers decide whether a form or API start may start it: a flow that lists triggers needs a form or
/// api trigger, and the engine's own starts pass.
/// </summary>
public sealed class HandStartTriggerTests
{
    private static async Task<EngineFixture> FixtureAsync(params TriggerDefinition[]? triggers)
    {
        var fx = await EngineFixture.CreateAsync();
        fx.Definitions.Publish(
            new FlowBuilder("watch").Configure(flow => flow.Triggers = triggers is null ? null : [.. triggers])
                .Start().Approval("approve", "dave").End()
                .Chain("start", "approve", "end").Build());
        return fx;
    }

    private static StartInstanceRequest Request(string trigger) =>
        new("watch", "alice") { TriggerKind = trigger, Form = new JsonObject() };

    private static TriggerDefinition Schedule() => new() { Type = TriggerTypes.Schedule, Cron = "0 2 * * *" };

    private static TriggerDefinition Record() => new() { Type = TriggerTypes.Record, Form = "customer" };

    [TestCase(TriggerKinds.Api)]
    [TestCase(TriggerKinds.Form)]
    public async Task Schedule_only_flow_rejects_hand_start(string trigger)
    {
        await using var fx = await FixtureAsync(Schedule());

        var rejected = Assert.ThrowsAsync<StartNotAllowedException>(() => fx.Engine.StartAsync(
            Request(trigger), CancellationToken.None));

        Assert.That(rejected!.Message, Is.EqualTo(
            "Flow 'watch' cannot be started by hand: its triggers are schedule, and it has no form or api trigger, " +
            "so only the engine starts it. A process owner or admin can start a scheduled run at once with Run now " +
            "(POST /api/definitions/flows/watch/run). To let people start it, add an api or form trigger to the flow " +
            "and publish it."));
        Assert.That(rejected.FlowKey, Is.EqualTo("watch"));
        await using var connection = await fx.Database.OpenConnectionAsync(CancellationToken.None);
        Assert.That(await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM wk_instances"), Is.Zero);
    }

    [Test]
    public async Task Record_only_flow_rejects_api_start()
    {
        await using var fx = await FixtureAsync(Record(), Record());

        var rejected = Assert.ThrowsAsync<StartNotAllowedException>(() => fx.Engine.StartAsync(
            Request(TriggerKinds.Api), CancellationToken.None));

        Assert.That(rejected!.Message, Does.StartWith(
            "Flow 'watch' cannot be started by hand: its triggers are record, and it has no form or api trigger"));
        Assert.That(rejected.Message, Does.Not.Contain("Run now"));
    }

    [TestCase(TriggerTypes.Api)]
    [TestCase(TriggerTypes.Form)]
    public async Task Api_or_form_trigger_admits_api_start(string type)
    {
        await using var fx = await FixtureAsync(Schedule(), new TriggerDefinition { Type = type });

        var instance = await fx.Engine.StartAsync(Request(TriggerKinds.Api), CancellationToken.None);

        Assert.That(instance.Initiator, Is.EqualTo("alice"));
    }

    [Test]
    public async Task Flow_without_triggers_admits_api_start()
    {
        await using var fx = await FixtureAsync(null);

        var instance = await fx.Engine.StartAsync(Request(TriggerKinds.Api), CancellationToken.None);

        Assert.That(instance.Status, Is.EqualTo(InstanceStatuses.Running));
    }

    [TestCase(TriggerKinds.Schedule)]
    [TestCase(TriggerKinds.Record)]
    [TestCase(TriggerKinds.Import)]
    [TestCase(TriggerKinds.SubFlow)]
    public async Task Library_start_with_engine_kind_rejected(string trigger)
    {
        await using var fx = await FixtureAsync(Schedule(), Record());

        var rejected = Assert.ThrowsAsync<ArgumentException>(() => fx.Engine.StartAsync(
            Request(trigger) with { Initiator = "system" }, CancellationToken.None));

        Assert.That(rejected!.Message, Does.StartWith(
            $"Cannot start flow 'watch' with trigger kind \"{trigger}\": a caller may start an instance only with " +
            "\"form\" or \"api\" (the default), which check the flow's triggers and starters. The engine itself " +
            "starts schedule, record, import and subFlow instances. Leave TriggerKind at \"api\", or use those " +
            "paths: RunScheduleNowAsync for a scheduled flow,"));
        Assert.That(rejected.ParamName, Is.EqualTo("request"));
        await using var connection = await fx.Database.OpenConnectionAsync(CancellationToken.None);
        Assert.That(await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM wk_instances"), Is.Zero);
    }

    [Test]
    public async Task Start_in_transaction_with_engine_kind_rejected()
    {
        await using var fx = await FixtureAsync(Schedule());
        await using var transaction = await fx.Database.BeginTransactionAsync(CancellationToken.None);

        var rejected = Assert.ThrowsAsync<ArgumentException>(() => fx.Engine.StartInTransactionAsync(
            Request(TriggerKinds.Import), transaction, CancellationToken.None));

        Assert.That(rejected!.Message, Does.StartWith("Cannot start flow 'watch' with trigger kind \"import\""));
    }

    [Test]
    public async Task Engine_schedule_start_passes()
    {
        await using var fx = await FixtureAsync(Schedule());

        var instance = await fx.Engine.RunScheduleNowAsync("watch", "carol", CancellationToken.None);

        Assert.That(instance.Status, Is.EqualTo(InstanceStatuses.Running));
        Assert.That(instance.TriggerKind, Is.EqualTo(TriggerKinds.Schedule));
    }
}
