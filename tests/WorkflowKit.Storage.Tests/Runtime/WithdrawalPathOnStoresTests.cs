using System.Text.Json.Nodes;
using WorkflowKit.Definitions;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Definitions.Json;
using WorkflowKit.Records;
using WorkflowKit.Runtime;
using WorkflowKit.Runtime.Audit;
using WorkflowKit.Runtime.Instances;
using WorkflowKit.Runtime.Tasks;

namespace WorkflowKit.Storage.Tests.Runtime;

/// <summary>
/// The withdrawal path (<c>settings.onWithdraw</c>) on each provider's runtime and record stores: a withdrawal before
/// the automatic steps undoes nothing, one after them releases the reservation and cancels the shipping record, and
/// a failing node of the path leaves the instance, its tasks and every record as they were.
/// </summary>
[TestFixture(StorageProvider.Sqlite)]
[TestFixture(StorageProvider.PostgreSql)]
public sealed class WithdrawalPathOnStoresTests(StorageProvider provider) : EngineOnStoresFixture(provider)
{
    private const string Flow = """
        {
          "formatVersion": 1, "kind": "flow", "key": "order", "name": "Order", "form": "order",
          "nodes": [
            { "id": "start", "type": "start" },
            { "id": "route", "type": "condition" },
            { "id": "review", "type": "approval", "assignees": [{ "type": "user", "value": "bob" }],
              "actions": ["approve", "return"] },
            { "id": "reserve", "type": "updateRecord", "form": "stock",
              "match": { "any": [{ "all": [{ "field": "batchNo", "operator": "eq", "valueField": "form.batchNo" }] }] },
              "values": { "reserved": "record.reserved + form.quantity" } },
            { "id": "ship", "type": "createRecord", "form": "shipping",
              "values": { "orderNo": "form.orderNo", "status": "'pending'" }, "resultVariable": "shipping" },
            { "id": "confirm", "type": "approval", "assignees": [{ "type": "user", "value": "bob" }] },
            { "id": "end", "type": "end" },
            { "id": "undo", "type": "condition" },
            { "id": "release", "type": "updateRecord", "form": "stock",
              "match": { "any": [{ "all": [{ "field": "batchNo", "operator": "eq", "valueField": "form.batchNo" }] }] },
              "values": { "reserved": "record.reserved - form.quantity" } },
            { "id": "cancelShipping", "type": "updateRecord", "form": "shipping",
              "recordId": "vars.shipping.recordId", "values": { "status": "'cancelled'" } },
            { "id": "note", "type": "script", "script": "vars.undone = true;" },
            { "id": "endUndone", "type": "end" },
            { "id": "endNothing", "type": "end" }
          ],
          "edges": [
            { "id": "e-start", "from": "start", "to": "route" },
            { "id": "e-now", "from": "route", "to": "reserve", "priority": 1,
              "condition": { "javaScript": "form.reserveNow === true" } },
            { "id": "e-review", "from": "route", "to": "review", "default": true },
            { "id": "e-reviewed", "from": "review", "to": "reserve" },
            { "id": "e-reserved", "from": "reserve", "to": "ship" },
            { "id": "e-shipped", "from": "ship", "to": "confirm" },
            { "id": "e-confirmed", "from": "confirm", "to": "end" },
            { "id": "e-undo", "from": "undo", "to": "release", "priority": 1,
              "condition": { "javaScript": "vars.shipping != null" } },
            { "id": "e-nothing", "from": "undo", "to": "endNothing", "default": true },
            { "id": "e-released", "from": "release", "to": "cancelShipping" },
            { "id": "e-cancelled", "from": "cancelShipping", "to": "note" },
            { "id": "e-noted", "from": "note", "to": "endUndone" }
          ],
          "variables": [{ "name": "undone", "type": "boolean", "default": false }],
          "settings": {
            "startCreatesRecord": true, "onWithdraw": { "node": "undo" },
            "withdrawnValues": { "status": "vars.undone ? 'withdrawn, undone' : 'withdrawn'" }
          }
        }
        """;

    [SetUp]
    public async Task SetUpAsync()
    {
        var registry = Stores.RecordForms;
        await registry.RegisterFormAsync(OrderForm(), default);
        await registry.RegisterFormAsync(Form("stock", ("batchNo", FieldTypes.Text), ("reserved", FieldTypes.Number)), default);
        await registry.RegisterFormAsync(Form("shipping", ("orderNo", FieldTypes.Text), ("status", FieldTypes.Text)), default);
        await Stores.Records.CreateAsync(
            "stock", new JsonObject { ["batchNo"] = "B1", ["reserved"] = 0 }, new RecordWriteContext("admin", null, null),
            default);
        Stores.Flows.Publish(DefinitionJson.Deserialize<FlowDefinition>(Flow), OrderForm());
    }

    [Test]
    public async Task Withdraw_before_reserving_undoes_nothing()
    {
        var engine = Stores.CreateEngine();
        var started = await StartAsync(engine, reserveNow: false);

        var withdrawn = await engine.WithdrawAsync(started.Id, "alice", "wrong customer", default);

        var history = await engine.GetHistoryAsync(started.Id, default);
        Assert.That((withdrawn.Status, withdrawn.EndNodeId), Is.EqualTo((InstanceStatuses.Withdrawn, "endNothing")));
        Assert.That(await ReservedAsync(), Is.Zero);
        Assert.That((await Stores.Records.QueryAsync(new RecordQuery("shipping"), null, default)).Items, Is.Empty);
        Assert.That(await OrderStatusAsync(started), Is.EqualTo("withdrawn"));
        Assert.That(PathLines(history), Is.EqualTo(new[]
        {
            "node.entered undo", "node.completed undo", "node.entered endNothing", "node.completed endNothing",
        }));
        Assert.That(await engine.QueryTasksAsync(new TaskQuery { InstanceId = started.Id }, default), Is.Empty);
    }

    [Test]
    public async Task Withdraw_after_reserving_releases_and_cancels()
    {
        var engine = Stores.CreateEngine();
        var started = await StartAsync(engine, reserveNow: true);
        var reservedBefore = await ReservedAsync();

        var withdrawn = await engine.WithdrawAsync(started.Id, "alice", "customer cancelled", default);

        var history = await engine.GetHistoryAsync(started.Id, default);
        var shipping = (await Stores.Records.QueryAsync(new RecordQuery("shipping"), null, default)).Items.Single();
        var withdrawal = history.Single(entry => entry.Action == AuditActions.InstanceWithdrawn);
        Assert.That(reservedBefore, Is.EqualTo(5m));
        Assert.That((withdrawn.Status, withdrawn.EndNodeId), Is.EqualTo((InstanceStatuses.Withdrawn, "endUndone")));
        Assert.That(await ReservedAsync(), Is.Zero);
        Assert.That(shipping.Data["status"]!.GetValue<string>(), Is.EqualTo("cancelled"));
        Assert.That(await OrderStatusAsync(started), Is.EqualTo("withdrawn, undone"));
        Assert.That((withdrawal.Actor, withdrawal.Comment), Is.EqualTo(("alice", "customer cancelled")));
        Assert.That(history.ToList().IndexOf(withdrawal),
            Is.LessThan(history.ToList().FindIndex(entry => entry.NodeId == "undo")));
        Assert.That(PathLines(history).Where(line => line.StartsWith("node.completed", StringComparison.Ordinal)),
            Is.EqualTo(new[]
            {
                "node.completed undo", "node.completed release", "node.completed cancelShipping", "node.completed note",
                "node.completed endUndone",
            }));
        Assert.That(await engine.QueryTasksAsync(new TaskQuery { InstanceId = started.Id }, default), Is.Empty);
    }

    [Test]
    public async Task Withdraw_with_failing_script_changes_nothing()
    {
        Stores.Flows.Publish(
            DefinitionJson.Deserialize<FlowDefinition>(Flow.Replace(
                "\"script\": \"vars.undone = true;\"", "\"script\": \"throw new Error('ledger is closed');\"")),
            OrderForm());
        var engine = Stores.CreateEngine();
        var started = await StartAsync(engine, reserveNow: true);
        var historyBefore = await engine.GetHistoryAsync(started.Id, default);

        var failed = Assert.ThrowsAsync<InstanceActionException>(() =>
            engine.WithdrawAsync(started.Id, "alice", null, default));

        await AssertUnchangedAsync(engine, started, historyBefore.Count);
        Assert.That(failed!.Error, Is.EqualTo(InstanceActionError.WithdrawalPathFailed));
        Assert.That(failed.NodeId, Is.EqualTo("note"));
        Assert.That(failed.Message, Does.StartWith(
            $"Instance {started.Id} was not withdrawn: node 'note' (script) of the withdrawal path " +
            "(settings.onWithdraw) failed: "));
        Assert.That(failed.Message, Does.Contain("ledger is closed"));
        Assert.That(failed.Message, Does.EndWith(
            "Nothing was written and the instance runs on as before. Ask the flow's process owner to fix the node, " +
            "then withdraw again."));
    }

    [Test]
    public async Task Withdraw_with_unwritable_record_changes_nothing()
    {
        Stores.Flows.Publish(
            DefinitionJson.Deserialize<FlowDefinition>(Flow.Replace(
                "\"recordId\": \"vars.shipping.recordId\"", "\"recordId\": \"vars.shipping.recordId + 1000\"")),
            OrderForm());
        var engine = Stores.CreateEngine();
        var started = await StartAsync(engine, reserveNow: true);
        var historyBefore = await engine.GetHistoryAsync(started.Id, default);

        var failed = Assert.ThrowsAsync<InstanceActionException>(() =>
            engine.WithdrawAsync(started.Id, "alice", null, default));

        await AssertUnchangedAsync(engine, started, historyBefore.Count);
        Assert.That(failed!.NodeId, Is.EqualTo("cancelShipping"));
        Assert.That(failed.Message, Does.Contain("node 'cancelShipping' (updateRecord) of the withdrawal path"));
    }

    [Test]
    public async Task Resubmission_withdraw_runs_path()
    {
        var engine = Stores.CreateEngine();
        var started = await StartAsync(engine, reserveNow: false);
        var review = (await engine.QueryTasksAsync(new TaskQuery { InstanceId = started.Id }, default)).Single();
        await engine.ActAsync(
            new TaskActionRequest(review.Id, TaskActions.Return, "bob") { TargetNodeId = ReturnTarget.Initiator }, default);
        var resubmission = (await engine.QueryTasksAsync(
            new TaskQuery { InstanceId = started.Id }, default)).Single();

        var result = await engine.ActAsync(new TaskActionRequest(resubmission.Id, TaskActions.Withdraw, "alice"), default);

        Assert.That(resubmission.NodeId, Is.EqualTo("start"));
        Assert.That((result.Instance.Status, result.Instance.EndNodeId),
            Is.EqualTo((InstanceStatuses.Withdrawn, "endNothing")));
        Assert.That(await OrderStatusAsync(started), Is.EqualTo("withdrawn"));
        Assert.That(await ReservedAsync(), Is.Zero);
    }

    private async Task AssertUnchangedAsync(WorkflowEngine engine, WorkflowInstance started, int auditLines)
    {
        var detail = await engine.GetInstanceAsync(started.Id, default);
        var open = await engine.QueryTasksAsync(new TaskQuery { InstanceId = started.Id }, default);
        var shipping = (await Stores.Records.QueryAsync(new RecordQuery("shipping"), null, default)).Items.Single();
        Assert.That((detail!.Instance.Status, detail.Instance.Version),
            Is.EqualTo((InstanceStatuses.Running, started.Version)));
        Assert.That(open.Select(task => task.NodeId), Is.EqualTo(new[] { "confirm" }));
        Assert.That(await ReservedAsync(), Is.EqualTo(5m));
        Assert.That(shipping.Data["status"]!.GetValue<string>(), Is.EqualTo("pending"));
        Assert.That(await OrderStatusAsync(started), Is.EqualTo("submitted"));
        Assert.That((await engine.GetHistoryAsync(started.Id, default)).Count, Is.EqualTo(auditLines));

        await engine.ActAsync(new TaskActionRequest(open.Single().Id, TaskActions.Approve, "bob"), default);
        var completed = await engine.GetInstanceAsync(started.Id, default);
        Assert.That(completed!.Instance.Status, Is.EqualTo(InstanceStatuses.Completed));
    }

    private static string[] PathLines(IReadOnlyList<AuditEntry> history) =>
    [
        .. history.Where(entry => entry.Details?["withdrawal"]?.GetValue<bool>() == true)
            .Select(entry => $"{entry.Action} {entry.NodeId}"),
    ];

    private async Task<decimal> ReservedAsync()
    {
        var stock = (await Stores.Records.QueryAsync(new RecordQuery("stock"), null, default)).Items.Single();
        return stock.Data["reserved"]!.GetValue<decimal>();
    }

    private async Task<string> OrderStatusAsync(WorkflowInstance started)
    {
        var recordId = started.Variables["recordId"]!.GetValue<long>();
        var order = await Stores.Records.GetAsync("order", recordId, null, default);
        return order!.Data["status"]!.GetValue<string>();
    }

    private static Task<WorkflowInstance> StartAsync(WorkflowEngine engine, bool reserveNow) => engine.StartAsync(
        new StartInstanceRequest("order", "alice")
        {
            TriggerKind = TriggerKinds.Api,
            Form = new JsonObject
            {
                ["orderNo"] = "SO-1", ["batchNo"] = "B1", ["quantity"] = 5, ["reserveNow"] = reserveNow,
                ["status"] = "submitted",
            },
        },
        default);

    private static FormDefinition OrderForm() => Form(
        "order", ("orderNo", FieldTypes.Text), ("batchNo", FieldTypes.Text), ("quantity", FieldTypes.Number),
        ("reserveNow", FieldTypes.Boolean), ("status", FieldTypes.Text));

    private static FormDefinition Form(string key, params (string Id, string Type)[] fields) => new()
    {
        Key = key,
        Name = new LocalizedText(key),
        Fields = [.. fields.Select(field => new FieldDefinition
        {
            Id = field.Id, Type = field.Type, Label = new LocalizedText(field.Id),
        })],
    };
}
