using System.Globalization;
using System.Text.Json.Nodes;
using Dapper;
using WorkflowKit.Definitions;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Forms;
using WorkflowKit.Runtime.Instances;

namespace WorkflowKit.Runtime.Tests.Starts;

/// <summary>A start from a form submission runs the form's validators and writes nothing when they reject it.</summary>
public sealed class StartValidationTests
{
    private static FormDefinition OrderForm() => new()
    {
        Key = "order",
        Name = new LocalizedText("Order"),
        Fields =
        [
            new FieldDefinition { Id = "customer", Type = FieldTypes.Text, Label = new LocalizedText("Customer"), Required = true },
            new FieldDefinition { Id = "amount", Type = FieldTypes.Money, Label = new LocalizedText("Amount"), Min = JsonValue.Create(1m) },
            new FieldDefinition
            {
                Id = "lines", Type = FieldTypes.SubTable, Label = new LocalizedText("Lines"),
                Fields = [new FieldDefinition { Id = "sku", Type = FieldTypes.Text, Label = new LocalizedText("SKU"), Required = true }],
            },
        ],
    };

    private static async Task<EngineFixture> FixtureAsync()
    {
        var fx = await EngineFixture.CreateAsync();
        fx.Definitions.Publish(
            new FlowBuilder("order").Configure(flow => flow.Form = "order").Start().Approval("approve", "bob").End()
                .Chain("start", "approve", "end").Build(),
            OrderForm());
        return fx;
    }

    private static StartInstanceRequest Request(string form, string trigger = TriggerKinds.Form) =>
        new("order", "alice") { TriggerKind = trigger, Form = JsonNode.Parse(form)!.AsObject() };

    [Test]
    public async Task FormStart_InvalidFields_RejectsWithPaths()
    {
        await using var fx = await FixtureAsync();

        var rejected = Assert.ThrowsAsync<InvalidSubmissionException>(() => fx.Engine.StartAsync(
            Request("""{"amount": 0, "lines": [{"sku": "A1"}, {"sku": ""}]}"""), CancellationToken.None));

        Assert.That(rejected!.Errors.Select(error => error.Path).Order(),
            Is.EqualTo(new[] { "amount", "customer", "lines[1].sku" }));
        Assert.That(rejected.Message, Does.Contain("customer: \"Customer\" is required"));
        Assert.That(rejected.FormKey, Is.EqualTo("order"));
    }

    [Test]
    public async Task FormStart_Rejected_WritesNothing()
    {
        await using var fx = await FixtureAsync();

        Assert.ThrowsAsync<InvalidSubmissionException>(() => fx.Engine.StartAsync(
            Request("""{"amount": 5}"""), CancellationToken.None));

        await using var connection = await fx.Database.OpenConnectionAsync(CancellationToken.None);
        foreach (var table in new[] { "wk_instances", "wk_tasks", "wk_audit", "wk_notifications" })
        {
            Assert.That(await connection.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table}"), Is.Zero, table);
        }
    }

    [Test]
    public async Task ApiStart_Chinese_NamesFieldLabel()
    {
        await using var fx = await FixtureAsync();

        var rejected = Assert.ThrowsAsync<InvalidSubmissionException>(() => fx.Engine.StartAsync(
            Request("{}", TriggerKinds.Api) with { Culture = CultureInfo.GetCultureInfo("zh-CN") },
            CancellationToken.None));

        Assert.That(rejected!.Errors.Single().Message, Is.EqualTo("“Customer” 为必填项"));
    }

    [Test]
    public async Task FormStart_Valid_Starts()
    {
        await using var fx = await FixtureAsync();

        var instance = await fx.Engine.StartAsync(
            Request("""{"customer": "协和医院", "amount": 12.5, "lines": [{"sku": "A1"}]}"""), CancellationToken.None);

        await fx.TaskAssignedToAsync(instance.Id, "approve", "bob");
    }
}
