using System.Text.Json.Nodes;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Records;
using WorkflowKit.Runtime.Instances;
using WorkflowKit.Storage.Sqlite.Records;

namespace WorkflowKit.Runtime.Tests.Crash;

/// <summary>
/// A crash at every commit and delivery boundary of a flow with an HTTP call, a record update and
/// a timer: after a restart every instance finishes with each side effect applied exactly once.
/// </summary>
public sealed class CrashSafetyTests
{
    private const int BoundariesInCleanRun = 8;

    private static IEnumerable<int> CrashPoints() => Enumerable.Range(1, BoundariesInCleanRun + 1);

    [TestCaseSource(nameof(CrashPoints))]
    public async Task Crash_AnyBoundary_EffectsOnce(int crashAt)
    {
        await using var server = new TestHttpServer();
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(Flow(server.BaseUrl));
        var record = await fx.Records.CreateAsync(
            "orders", new JsonObject { ["status"] = "new" }, new RecordWriteContext("alice"), CancellationToken.None);
        var start = new StartInstanceRequest("ship", "alice")
        {
            IdempotencyKey = "order-1",
            Form = new JsonObject { ["recordId"] = record.Id, ["order"] = "SO-1" },
        };
        var faults = new CrashOnCall(crashAt);
        fx.Restart(faults);

        await RunUntilCrashAsync(fx, start, faults);
        fx.Restart();
        var instanceId = (await fx.Engine.StartAsync(start, CancellationToken.None)).Id;
        for (var round = 0; round < 10 && (await fx.InstanceAsync(instanceId)).Instance.Status == InstanceStatuses.Running; round++)
        {
            await fx.AdvanceAsync(TimeSpan.FromMinutes(61));
        }

        Assert.That(faults.Crashed, Is.EqualTo(crashAt <= BoundariesInCleanRun), string.Join(" | ", faults.Points));
        await fx.InstanceEndedWithAsync(instanceId, "end");
        var updated = await fx.Records.GetAsync("orders", record.Id, null, CancellationToken.None);
        Assert.Multiple(async () =>
        {
            Assert.That(server.DistinctKeys, Is.EqualTo(1), "distinct idempotency keys");
            Assert.That(server.Applied, Is.EqualTo(1), "side effects applied by the server");
            Assert.That(await fx.Records.CountWritesAsync("update", record.Id), Is.EqualTo(1), "record updates");
            Assert.That(updated!.Data["tracking"]!.GetValue<string>(), Is.EqualTo("T-1"));
            Assert.That(updated.Data["status"]!.GetValue<string>(), Is.EqualTo("shipped"));
            Assert.That((await fx.Engine.QueryInstancesAsync(new InstanceQuery(), CancellationToken.None)), Has.Count.EqualTo(1));
        });
    }

    [Test]
    public async Task CleanRun_PassesEightBoundaries()
    {
        await using var server = new TestHttpServer();
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(Flow(server.BaseUrl));
        var record = await fx.Records.CreateAsync(
            "orders", new JsonObject { ["status"] = "new" }, new RecordWriteContext("alice"), CancellationToken.None);
        var faults = new CrashOnCall(int.MaxValue);
        fx.Restart(faults);

        var instance = await fx.Engine.StartAsync(
            new StartInstanceRequest("ship", "alice") { Form = new JsonObject { ["recordId"] = record.Id } },
            CancellationToken.None);
        await fx.AdvanceAsync(TimeSpan.Zero);
        await fx.AdvanceAsync(TimeSpan.FromMinutes(61));

        await fx.InstanceEndedWithAsync(instance.Id, "end");
        Assert.That(faults.Points, Is.EqualTo(new[]
        {
            "BeforeCommit start", "AfterCommit start", $"BeforeDelivery {faults.Points[2].Split(' ')[1]}",
            $"AfterDelivery {faults.Points[3].Split(' ')[1]}", "BeforeCommit http.reply", "AfterCommit http.reply",
            "BeforeCommit timer.node", "AfterCommit timer.node",
        }));
    }

    [TestCase(5, TestName = "Crash_RealStoreBeforeCommit_UpdateOnce")]
    [TestCase(6, TestName = "Crash_RealStoreAfterCommit_UpdateOnce")]
    public async Task Crash_RealRecordStore_UpdateOnce(int crashAt)
    {
        await using var server = new TestHttpServer();
        await using var fx = await EngineFixture.CreateAsync();
        var records = new SqliteRecordStore(fx.Database, fx.Time);
        await records.RegisterFormAsync(new FormDefinition
        {
            Key = "orders",
            Fields =
            [
                new FieldDefinition { Id = "status", Type = FieldTypes.Text },
                new FieldDefinition { Id = "tracking", Type = FieldTypes.Text },
            ],
        }, CancellationToken.None);
        fx.RecordStore = records;
        fx.Publish(Flow(server.BaseUrl));
        var record = await records.CreateAsync(
            "orders", new JsonObject { ["status"] = "new" }, new RecordWriteContext("alice"), CancellationToken.None);
        var start = new StartInstanceRequest("ship", "alice")
        {
            IdempotencyKey = "order-1",
            Form = new JsonObject { ["recordId"] = record.Id, ["order"] = "SO-1" },
        };
        var faults = new CrashOnCall(crashAt);
        fx.Restart(faults);

        await RunUntilCrashAsync(fx, start, faults);
        fx.Restart();
        var instanceId = (await fx.Engine.StartAsync(start, CancellationToken.None)).Id;
        for (var round = 0; round < 10 && (await fx.InstanceAsync(instanceId)).Instance.Status == InstanceStatuses.Running; round++)
        {
            await fx.AdvanceAsync(TimeSpan.FromMinutes(61));
        }

        await fx.InstanceEndedWithAsync(instanceId, "end");
        await using var connection = await fx.Database.OpenConnectionAsync(CancellationToken.None);
        var updates = await Dapper.SqlMapper.ExecuteScalarAsync<long>(connection,
            "SELECT COUNT(*) FROM record_audit WHERE record_id = @Id AND action = 'update'", new { record.Id });
        var stored = await records.GetAsync("orders", record.Id, null, CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(faults.Crashed, Is.True);
            Assert.That(updates, Is.EqualTo(1), "record updates in the real store's audit");
            Assert.That(stored!.Data["tracking"]!.GetValue<string>(), Is.EqualTo("T-1"));
            Assert.That(server.Applied, Is.EqualTo(1));
        });
    }

    private static async Task RunUntilCrashAsync(EngineFixture fx, StartInstanceRequest start, CrashOnCall faults)
    {
        try
        {
            await fx.Engine.StartAsync(start, CancellationToken.None);
            for (var round = 0; round < 5 && !faults.Crashed; round++)
            {
                await fx.AdvanceAsync(TimeSpan.FromMinutes(61));
            }
        }
        catch (SimulatedCrashException)
        {
            // The process "died" here; the test restarts the engine on the same database file.
        }
    }

    private static FlowBuilder Flow(string url) => new FlowBuilder("ship")
        .Start()
        .Node("notify", NodeTypes.Http, node =>
        {
            node.Url = url + "ship";
            node.Method = "POST";
            node.Body = "({ order: form.order })";
            node.ResultVariable = "reply";
        })
        .Node("update", NodeTypes.UpdateRecord, node =>
        {
            node.Form = "orders";
            node.RecordId = "form.recordId";
            node.Values = new() { ["status"] = "'shipped'", ["tracking"] = "vars.reply.body.tracking" };
        })
        .Node("wait", NodeTypes.Timer, node => node.Duration = "PT1H")
        .End()
        .Chain("start", "notify", "update", "wait", "end");
}
