using System.Text.Json.Nodes;
using Dapper;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Runtime.Instances;

namespace WorkflowKit.Runtime.Tests.Starts;

/// <summary>A flow's starters decide who may start it from a form or an API call; other starts pass.</summary>
public sealed class StarterTests
{
    private static async Task<EngineFixture> FixtureAsync(List<AssigneeRule>? starters)
    {
        var fx = await EngineFixture.CreateAsync();
        fx.Definitions.Publish(
            new FlowBuilder("order").Configure(flow => flow.Starters = starters)
                .Start().Approval("approve", "dave").End()
                .Chain("start", "approve", "end").Build());
        return fx;
    }

    private static StartInstanceRequest Request(string user, string trigger = TriggerKinds.Api) =>
        new("order", user) { TriggerKind = trigger, Form = new JsonObject { ["customer"] = "C0001" } };

    [TestCase("alice", AssigneeTypes.Role, "sales")]
    [TestCase("carol", AssigneeTypes.User, "carol")]
    [TestCase("erin", AssigneeTypes.Department, "finance")]
    public async Task Starter_rule_admits_user(string user, string type, string value)
    {
        await using var fx = await FixtureAsync([new AssigneeRule { Type = type, Value = value }]);

        var instance = await fx.Engine.StartAsync(Request(user, TriggerKinds.Form), CancellationToken.None);

        Assert.That(instance.Initiator, Is.EqualTo(user));
    }

    [Test]
    public async Task Other_user_is_rejected()
    {
        await using var fx = await FixtureAsync([new AssigneeRule { Type = AssigneeTypes.Role, Value = "sales" }]);

        var rejected = Assert.ThrowsAsync<StartNotAllowedException>(() => fx.Engine.StartAsync(
            Request("carol"), CancellationToken.None));

        Assert.That(rejected!.Message, Does.Contain("User 'carol' may not start flow 'order'"));
        Assert.That(rejected.Message, Does.Contain("role sales"));
        await using var connection = await fx.Database.OpenConnectionAsync(CancellationToken.None);
        Assert.That(await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM wk_instances"), Is.Zero);
    }

    [Test]
    public async Task Empty_list_rejects_everyone()
    {
        await using var fx = await FixtureAsync([]);

        var rejected = Assert.ThrowsAsync<StartNotAllowedException>(() => fx.Engine.StartAsync(
            Request("alice"), CancellationToken.None));

        Assert.That(rejected!.Message, Does.Contain("Its starters are: nobody"));
    }

    [Test]
    public async Task Scheduled_start_ignores_starters()
    {
        await using var fx = await FixtureAsync([]);

        var instance = await fx.Engine.StartAnyAsync(Request("system", TriggerKinds.Schedule), CancellationToken.None);

        Assert.That(instance.Status, Is.EqualTo(InstanceStatuses.Running));
    }

    [Test]
    public async Task Absent_list_admits_anyone()
    {
        await using var fx = await FixtureAsync(null);

        var instance = await fx.Engine.StartAsync(Request("carol"), CancellationToken.None);

        Assert.That(instance.Initiator, Is.EqualTo("carol"));
    }
}
