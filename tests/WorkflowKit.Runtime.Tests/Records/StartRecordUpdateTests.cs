using System.Text.Json.Nodes;
using WorkflowKit.Definitions;
using WorkflowKit.Definitions.Conditions;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Records;
using WorkflowKit.Runtime.Audit;
using WorkflowKit.Runtime.Instances;

namespace WorkflowKit.Runtime.Tests.Records;

/// <summary>
/// An updateRecord node that writes the record the start created (<c>settings.startCreatesRecord</c>) writes the same
/// values into the instance's form, so that the instance page and the record agree, as after the order-to-shipment
/// template's "mark order shipped" node.
/// </summary>
public sealed class StartRecordUpdateTests
{
    private static FormDefinition OrderForm() => new()
    {
        Key = "order",
        Name = new LocalizedText("Order"),
        Fields =
        [
            new FieldDefinition { Id = "orderNo", Type = FieldTypes.Text, Label = new LocalizedText("Order no.") },
            new FieldDefinition { Id = "status", Type = FieldTypes.Text, Label = new LocalizedText("Status") },
            new FieldDefinition { Id = "trackingNo", Type = FieldTypes.Text, Label = new LocalizedText("Tracking no.") },
        ],
    };

    private static async Task<EngineFixture> FixtureAsync(bool createsRecord, Condition match)
    {
        var fx = await EngineFixture.CreateAsync();
        fx.Definitions.Publish(
            new FlowBuilder("order")
                .Configure(flow =>
                {
                    flow.Form = "order";
                    flow.Settings = new FlowSettings { StartCreatesRecord = createsRecord ? true : null };
                })
                .Start()
                .Approval("ship", "bob")
                .Node("markShipped", NodeTypes.UpdateRecord, node =>
                {
                    node.Form = "order";
                    node.Match = match;
                    node.Values = new() { ["status"] = "'shipped'", ["trackingNo"] = "'SF1001'" };
                })
                .End()
                .Chain("start", "ship", "markShipped", "end").Build(),
            OrderForm());
        return fx;
    }

    private static Task<WorkflowInstance> StartAsync(EngineFixture fx) => fx.Engine.StartAsync(
        new StartInstanceRequest("order", "alice")
        {
            TriggerKind = TriggerKinds.Form,
            Form = JsonNode.Parse("""{"orderNo": "SO-1", "status": "reserved"}""")!.AsObject(),
        },
        CancellationToken.None);

    [Test]
    public async Task Update_of_start_record_changes_form()
    {
        await using var fx = await FixtureAsync(
            createsRecord: true, Condition.AllOf(new Rule { Field = "orderNo", ValueField = "form.orderNo" }));
        var instance = await StartAsync(fx);
        var ship = await fx.TaskAssignedToAsync(instance.Id, "ship", "bob");

        await fx.ActAsync(ship, "approve");

        var detail = await fx.InstanceAsync(instance.Id);
        var record = await fx.Records.GetAsync(
            "order", instance.Variables["recordId"]!.GetValue<long>(), null, CancellationToken.None);
        Assert.That(detail.Instance.Form["status"]!.GetValue<string>(), Is.EqualTo("shipped"));
        Assert.That(detail.Instance.Form["trackingNo"]!.GetValue<string>(), Is.EqualTo("SF1001"));
        Assert.That(record!.Data["status"]!.GetValue<string>(), Is.EqualTo("shipped"));
        var line = (await fx.Engine.GetHistoryAsync(instance.Id, CancellationToken.None))
            .Single(entry => entry.Action == AuditActions.NodeCompleted && entry.NodeId == "markShipped");
        Assert.That((line.Actor, line.Details![AuditFormChanges.DetailsKey]!["status"]!.ToJsonString()),
            Is.EqualTo(("system", """{"old":"reserved","new":"shipped"}""")));
    }

    [Test]
    public async Task Update_of_other_record_keeps_form()
    {
        await using var fx = await FixtureAsync(
            createsRecord: true, Condition.AllOf(new Rule { Field = "orderNo", Value = JsonValue.Create("SO-2") }));
        await fx.Records.CreateAsync(
            "order", JsonNode.Parse("""{"orderNo": "SO-2", "status": "reserved"}""")!.AsObject(),
            new RecordWriteContext("alice"), CancellationToken.None);
        var instance = await StartAsync(fx);

        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "ship", "bob"), "approve");

        var detail = await fx.InstanceAsync(instance.Id);
        Assert.That(detail.Instance.Form["status"]!.GetValue<string>(), Is.EqualTo("reserved"));
        Assert.That(detail.Instance.Form["trackingNo"], Is.Null);
    }

    [Test]
    public async Task Update_without_start_record_keeps_form()
    {
        await using var fx = await FixtureAsync(
            createsRecord: false, Condition.AllOf(new Rule { Field = "orderNo", ValueField = "form.orderNo" }));
        var order = await fx.Records.CreateAsync(
            "order", JsonNode.Parse("""{"orderNo": "SO-1", "status": "reserved"}""")!.AsObject(),
            new RecordWriteContext("alice"), CancellationToken.None);
        var instance = await StartAsync(fx);

        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "ship", "bob"), "approve");

        var detail = await fx.InstanceAsync(instance.Id);
        var record = await fx.Records.GetAsync("order", order.Id, null, CancellationToken.None);
        Assert.That(record!.Data["status"]!.GetValue<string>(), Is.EqualTo("shipped"));
        Assert.That(detail.Instance.Form["status"]!.GetValue<string>(), Is.EqualTo("reserved"));
    }
}
