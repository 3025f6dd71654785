using System.Text.Json.Nodes;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Definitions.Json;
using WorkflowKit.Runtime;
using WorkflowKit.Runtime.Instances;

namespace WorkflowKit.Storage.Tests.Runtime;

/// <summary>
/// Concurrent starts that carry one idempotency key, on two engines over each provider's stores: all of them
/// return the one instance that was created.
/// </summary>
[TestFixture(StorageProvider.Sqlite)]
[TestFixture(StorageProvider.PostgreSql)]
public sealed class IdempotentStartOnStoresTests(StorageProvider provider) : EngineOnStoresFixture(provider)
{
    private const string Flow = """
        {
          "formatVersion": 1, "kind": "flow", "key": "order", "name": "Order",
          "nodes": [
            { "id": "start", "type": "start" },
            { "id": "approve", "type": "approval", "assignees": [{ "type": "user", "value": "bob" }] },
            { "id": "end", "type": "end" }
          ],
          "edges": [
            { "id": "e1", "from": "start", "to": "approve" }, { "id": "e2", "from": "approve", "to": "end" }
          ]
        }
        """;

    private const int Starts = 16;

    private const int Rounds = 5;

    [SetUp]
    public void SetUp()
    {
        Stores.Flows.Publish(DefinitionJson.Deserialize<FlowDefinition>(Flow));
    }

    [Test]
    public async Task Concurrent_starts_share_one_instance()
    {
        WorkflowEngine[] engines = [Stores.CreateEngine("node-a"), Stores.CreateEngine("node-b")];

        for (var round = 0; round < Rounds; round++)
        {
            var key = $"start:alice:round-{round}";
            using var gate = new Barrier(Starts);

            var started = await Task.WhenAll(Enumerable.Range(0, Starts)
                .Select(i => StartAsync(engines[i % engines.Length], key, gate)));

            var stored = await engines[0].QueryInstancesAsync(new InstanceQuery { FlowKey = "order" }, default);
            var keyed = await RuntimeStoreFixture.CreateStore(Stores.Database)
                .FindInstanceByIdempotencyKeyAsync(null, key, default);
            Assert.That(stored, Has.Count.EqualTo(round + 1), $"instances after round {round}");
            Assert.That(started.Select(instance => instance.Id).Distinct(), Is.EqualTo(new[] { keyed!.Id }),
                $"instance ids returned in round {round}");
        }
    }

    private static Task<WorkflowInstance> StartAsync(WorkflowEngine engine, string key, Barrier gate) => Task.Run(() =>
    {
        gate.SignalAndWait();
        return engine.StartAsync(
            new StartInstanceRequest("order", "alice")
            {
                Form = new JsonObject { ["note"] = "same key" },
                IdempotencyKey = key,
            },
            default);
    });
}
