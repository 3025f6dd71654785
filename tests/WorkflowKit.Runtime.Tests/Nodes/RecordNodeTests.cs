using System.Text.Json.Nodes;
using WorkflowKit.Definitions.Conditions;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Records;

namespace WorkflowKit.Runtime.Tests.Nodes;

public sealed class RecordNodeTests
{
    [Test]
    public async Task CreateRecord_WritesValuesAndRows()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(new FlowBuilder("order")
            .Start()
            .Node("create", NodeTypes.CreateRecord, node =>
            {
                node.Form = "shipments";
                node.Values = new() { ["customer"] = "form.customer" };
                node.SubTables = new()
                {
                    ["lines"] = new SubTableWrite { Rows = "form.lines", Values = new() { ["sku"] = "row.sku", ["qty"] = "row.qty * 2" } },
                };
                node.ResultVariable = "shipment";
            })
            .End()
            .Chain("start", "create", "end"));

        var instance = await fx.StartAsync(
            "order", form: """{"customer": "Ruijin", "lines": [{"sku": "A", "qty": 1}, {"sku": "B", "qty": 3}]}""");

        var detail = await fx.InstanceAsync(instance.Id);
        var id = detail.Instance.Variables["shipment"]!["recordId"]!.GetValue<long>();
        var record = await fx.Records.GetAsync("shipments", id, null, CancellationToken.None);
        Assert.That(record!.Data.ToJsonString(), Is.EqualTo(
            """{"customer":"Ruijin","lines":[{"sku":"A","qty":2},{"sku":"B","qty":6}]}"""));
    }

    [Test]
    public async Task CreateRecord_AuditsRecordAndActor()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(new FlowBuilder("order")
            .Start()
            .Node("create", NodeTypes.CreateRecord, node =>
            {
                node.Form = "shipments";
                node.Values = new() { ["customer"] = "form.customer" };
                node.ResultVariable = "shipment";
            })
            .End()
            .Chain("start", "create", "end"));

        var instance = await fx.StartAsync("order", initiator: "carol", form: """{"customer": "Ruijin"}""");

        var detail = await fx.InstanceAsync(instance.Id);
        var id = detail.Instance.Variables["shipment"]!["recordId"]!.GetValue<long>();
        var line = (await fx.Engine.GetHistoryAsync(instance.Id, CancellationToken.None))
            .Single(entry => entry.Action == WorkflowKit.Runtime.Audit.AuditActions.RecordCreated);
        Assert.That((line.Actor, line.NodeId), Is.EqualTo(("system", "create")));
        Assert.That(line.Details!["form"]!.GetValue<string>(), Is.EqualTo("shipments"));
        Assert.That(line.Details["recordId"]!.GetValue<long>(), Is.EqualTo(id));
        Assert.That(line.Details["onBehalfOf"]!.GetValue<string>(), Is.EqualTo("carol"));
    }

    [TestCase("append", """[{"batch":"B1","qty":5},{"batch":"B2","qty":1},{"batch":"B1","qty":2},{"batch":"B3","qty":4}]""")]
    [TestCase("updateMatching", """[{"batch":"B1","qty":2},{"batch":"B2","qty":1},{"batch":"B3","qty":4}]""")]
    [TestCase("replace", """[{"batch":"B1","qty":2},{"batch":"B3","qty":4}]""")]
    public async Task UpdateRecord_SubTableStrategies(string strategy, string expectedRows)
    {
        await using var fx = await EngineFixture.CreateAsync();
        var stock = await fx.Records.CreateAsync(
            "stock",
            JsonNode.Parse("""{"sku": "A", "batches": [{"batch": "B1", "qty": 5}, {"batch": "B2", "qty": 1}]}""")!.AsObject(),
            new RecordWriteContext("alice"), CancellationToken.None);
        fx.Publish(new FlowBuilder("restock")
            .Start()
            .Node("update", NodeTypes.UpdateRecord, node =>
            {
                node.Form = "stock";
                node.Match = Condition.AllOf(new Rule { Field = "sku", ValueField = "form.sku" });
                node.SubTables = new()
                {
                    ["batches"] = new SubTableWrite { Strategy = strategy, Rows = "form.incoming", MatchOn = ["batch"] },
                };
            })
            .End()
            .Chain("start", "update", "end"));

        await fx.StartAsync("restock", form: """{"sku": "A", "incoming": [{"batch": "B1", "qty": 2}, {"batch": "B3", "qty": 4}]}""");

        var record = await fx.Records.GetAsync("stock", stock.Id, null, CancellationToken.None);
        Assert.That(record!.Data["batches"]!.ToJsonString(), Is.EqualTo(expectedRows));
    }

    [Test]
    public async Task UpdateRecord_StoreFails_RetriesThenIncident()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(new FlowBuilder("broken")
            .Start()
            .Node("update", NodeTypes.UpdateRecord, node =>
            {
                node.Form = "stock";
                node.RecordId = "form.recordId";
                node.Values = new() { ["qty"] = "0" };
                node.Retry = new RetryPolicy { MaxAttempts = 3, Backoff = "PT10S" };
            })
            .End()
            .Chain("start", "update", "end"));
        var record = await fx.Records.CreateAsync(
            "stock", new JsonObject { ["qty"] = 5 }, new RecordWriteContext("alice"), CancellationToken.None);
        await using (var connection = await fx.Database.OpenConnectionAsync(CancellationToken.None))
        {
            await Dapper.SqlMapper.ExecuteAsync(connection,
                "CREATE TRIGGER block_update BEFORE UPDATE ON test_records BEGIN SELECT RAISE(ABORT, 'disk says no'); END");
        }

        var instance = await fx.StartAsync("broken", form: $$"""{"recordId": {{record.Id}}}""");
        var retry = (await fx.Engine.GetTimersAsync(instance.Id, CancellationToken.None)).Single();
        Assert.That(retry.DueAt - EngineFixture.StartTime, Is.EqualTo(TimeSpan.FromSeconds(10)));

        await fx.AdvanceAsync(TimeSpan.FromSeconds(10));
        var timers = await fx.Engine.GetTimersAsync(instance.Id, CancellationToken.None);
        Assert.That(timers.Single(timer => timer.Status == "pending").DueAt - fx.Time.GetUtcNow(), Is.EqualTo(TimeSpan.FromSeconds(20)));
        await fx.AdvanceAsync(TimeSpan.FromSeconds(20));

        var incident = (await fx.InstanceAsync(instance.Id)).Incidents.Single();
        Assert.That(incident.Message, Does.StartWith("Node 'update' (updateRecord) failed 3 times; last error:"));
        Assert.That(incident.Message, Does.Contain("disk says no"));
        Assert.That(await fx.Records.CountWritesAsync("update"), Is.Zero);
    }
}
