using System.Text.Json.Nodes;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Definitions.Json;
using WorkflowKit.Runtime;
using WorkflowKit.Runtime.Diagnostics;
using WorkflowKit.Runtime.Instances;
using WorkflowKit.Runtime.Tasks;

namespace WorkflowKit.Storage.Tests.Runtime;

/// <summary>
/// A withdrawal on one engine node racing a task action on a sub-flow of the same order on another node, on each
/// provider. Whichever commits first wins, and the other fails: a withdrawal never ends an order whose shipment was
/// confirmed, and a confirmation never lands on a withdrawn order.
/// </summary>
[TestFixture(StorageProvider.Sqlite)]
[TestFixture(StorageProvider.PostgreSql)]
public sealed class WithdrawalRaceOnStoresTests(StorageProvider provider) : EngineOnStoresFixture(provider)
{
    // Two steps, so a confirmation changes the shipment without ending it or touching the order.
    private const string Shipment = """
        {
          "formatVersion": 1, "kind": "flow", "key": "shipment", "name": "Shipment",
          "nodes": [
            { "id": "start", "type": "start" },
            { "id": "confirm", "type": "fillIn", "assignees": [{ "type": "user", "value": "bob" }] },
            { "id": "check", "type": "approval", "assignees": [{ "type": "user", "value": "bob" }] },
            { "id": "end", "type": "end" }
          ],
          "edges": [
            { "id": "e1", "from": "start", "to": "confirm" }, { "id": "e2", "from": "confirm", "to": "check" },
            { "id": "e3", "from": "check", "to": "end" }
          ]
        }
        """;

    private const string Order = """
        {
          "formatVersion": 1, "kind": "flow", "key": "order", "name": "Order",
          "nodes": [
            { "id": "start", "type": "start" },
            { "id": "ship", "type": "subFlow", "flow": "shipment" },
            { "id": "end", "type": "end" }
          ],
          "edges": [ { "id": "e1", "from": "start", "to": "ship" }, { "id": "e2", "from": "ship", "to": "end" } ]
        }
        """;

    [SetUp]
    public void SetUp()
    {
        Stores.Flows.Publish(DefinitionJson.Deserialize<FlowDefinition>(Shipment));
        Stores.Flows.Publish(DefinitionJson.Deserialize<FlowDefinition>(Order));
    }

    [Test]
    public async Task Confirmation_before_lock_blocks_withdrawal()
    {
        var warehouse = Stores.CreateEngine("node-b");
        var order = await StartOrderAsync(warehouse);
        var confirm = await OpenTaskAsync(warehouse, "confirm");
        var confirmAtLock = new RunOnceAt($"withdrawal {order.Id}", () =>
            warehouse.ActAsync(new TaskActionRequest(confirm.Id, TaskActions.Submit, "bob"), default)
                .GetAwaiter().GetResult());
        var sales = Stores.CreateEngine("node-a", faults: confirmAtLock);

        var error = Assert.ThrowsAsync<InstanceActionException>(
            () => sales.WithdrawAsync(order.Id, "alice", "客户取消", default));

        Assert.That(confirmAtLock.Ran, Is.True);
        Assert.That(error!.Error, Is.EqualTo(InstanceActionError.AlreadyActed));
        Assert.That(error.NodeId, Is.EqualTo("confirm"));
        Assert.That((await sales.GetInstanceAsync(order.Id, default))!.Instance.Status, Is.EqualTo(InstanceStatuses.Running));
        Assert.That((await OpenTaskAsync(sales, "check")).Status, Is.EqualTo(TaskStatuses.Open));
    }

    [Test]
    public async Task Withdrawal_holding_locks_fails_confirmation()
    {
        var warehouse = Stores.CreateEngine("node-b");
        var order = await StartOrderAsync(warehouse);
        var confirm = await OpenTaskAsync(warehouse, "confirm");
        Task<TaskActionResult>? confirmation = null;
        var confirmBeforeCommit = new RunOnceAt($"withdraw {order.Id}", () =>
            confirmation = Task.Run(() => warehouse.ActAsync(
                new TaskActionRequest(confirm.Id, TaskActions.Submit, "bob"), default)),
            FaultPoint.BeforeCommit);
        var sales = Stores.CreateEngine("node-a", faults: confirmBeforeCommit);

        await sales.WithdrawAsync(order.Id, "alice", "客户取消", default);

        Assert.That(confirmation, Is.Not.Null);
        Assert.CatchAsync<Exception>(() => confirmation!);
        var shipment = (await sales.QueryInstancesAsync(new InstanceQuery { ParentInstanceId = order.Id }, default)).Single();
        var tasks = await sales.QueryTasksAsync(new TaskQuery { InstanceId = shipment.Id, Status = null }, default);
        Assert.That((await sales.GetInstanceAsync(order.Id, default))!.Instance.Status, Is.EqualTo(InstanceStatuses.Withdrawn));
        Assert.That(shipment.Status, Is.EqualTo(InstanceStatuses.Cancelled));
        Assert.That(tasks.Select(task => (task.NodeId, task.Status)),
            Is.EqualTo(new[] { ("confirm", TaskStatuses.Cancelled) }));
    }

    private static Task<WorkflowInstance> StartOrderAsync(WorkflowEngine engine) => engine.StartAsync(
        new StartInstanceRequest("order", "alice") { TriggerKind = TriggerKinds.Api, Form = new JsonObject() }, default);

    private static async Task<WorkTask> OpenTaskAsync(WorkflowEngine engine, string nodeId) =>
        (await engine.QueryTasksAsync(new TaskQuery { Assignee = "bob" }, default)).Single(task => task.NodeId == nodeId);

    /// <summary>Runs an action the first time the engine passes a fault point with the given subject.</summary>
    private sealed class RunOnceAt(string subject, Action action, FaultPoint point = FaultPoint.BeforeLock)
        : IFaultInjector
    {
        public bool Ran { get; private set; }

        public void At(FaultPoint reached, string reachedSubject)
        {
            if (reached == point && reachedSubject == subject && !Ran)
            {
                Ran = true;
                action();
            }
        }
    }
}
