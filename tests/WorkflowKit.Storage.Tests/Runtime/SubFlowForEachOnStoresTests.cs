using System.Text.Json.Nodes;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Definitions.Json;
using WorkflowKit.Runtime;
using WorkflowKit.Runtime.Instances;
using WorkflowKit.Runtime.Tasks;

namespace WorkflowKit.Storage.Tests.Runtime;

/// <summary>
/// A sub-flow node with <c>forEach</c> waits for every sub-flow on each provider: the parent stays at the node until
/// the last child ends, on an engine other than the one that started it.
/// </summary>
[TestFixture(StorageProvider.Sqlite)]
[TestFixture(StorageProvider.PostgreSql)]
public sealed class SubFlowForEachOnStoresTests(StorageProvider provider) : EngineOnStoresFixture(provider)
{
    private const string Child = """
        {
          "formatVersion": 1, "kind": "flow", "key": "pick", "name": "Pick",
          "nodes": [
            { "id": "start", "type": "start" },
            { "id": "ship", "type": "fillIn", "assignees": [{ "type": "user", "value": "bob" }] },
            { "id": "end", "type": "end" }
          ],
          "edges": [ { "id": "e1", "from": "start", "to": "ship" }, { "id": "e2", "from": "ship", "to": "end" } ]
        }
        """;

    private const string Parent = """
        {
          "formatVersion": 1, "kind": "flow", "key": "split", "name": "Split",
          "nodes": [
            { "id": "start", "type": "start" },
            { "id": "each", "type": "subFlow", "flow": "pick", "forEach": "['sh', 'gz']", "resultVariable": "picks" },
            { "id": "end", "type": "end" }
          ],
          "edges": [ { "id": "e1", "from": "start", "to": "each" }, { "id": "e2", "from": "each", "to": "end" } ]
        }
        """;

    [SetUp]
    public void SetUp()
    {
        Stores.Flows.Publish(DefinitionJson.Deserialize<FlowDefinition>(Child));
        Stores.Flows.Publish(DefinitionJson.Deserialize<FlowDefinition>(Parent));
    }

    [Test]
    public async Task Parent_waits_for_last_child()
    {
        var starter = Stores.CreateEngine("node-a");
        var other = Stores.CreateEngine("node-b");
        var parent = await starter.StartAsync(
            new StartInstanceRequest("split", "alice") { TriggerKind = TriggerKinds.Api, Form = new JsonObject() }, default);
        var ships = await other.QueryTasksAsync(new TaskQuery { Assignee = "bob" }, default);

        await other.ActAsync(new TaskActionRequest(ships[0].Id, TaskActions.Submit, "bob"), default);
        var waiting = await other.GetInstanceAsync(parent.Id, default);
        await starter.ActAsync(new TaskActionRequest(ships[1].Id, TaskActions.Submit, "bob"), default);

        Assert.That(ships, Has.Count.EqualTo(2));
        Assert.That(waiting!.Instance.Status, Is.EqualTo(InstanceStatuses.Running));
        var done = (await starter.GetInstanceAsync(parent.Id, default))!.Instance;
        Assert.That(done.Status, Is.EqualTo(InstanceStatuses.Completed));
        Assert.That(done.Variables["picks"]!.AsArray().Select(pick => pick!["status"]!.GetValue<string>()),
            Is.EqualTo(new[] { InstanceStatuses.Completed, InstanceStatuses.Completed }));
    }
}
