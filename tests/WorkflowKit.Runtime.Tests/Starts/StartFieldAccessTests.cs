using System.Globalization;
using System.Text.Json.Nodes;
using Dapper;
using WorkflowKit.Definitions;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Runtime.Cli;
using WorkflowKit.Runtime.Instances;
using WorkflowKit.Runtime.Tasks;

namespace WorkflowKit.Runtime.Tests.Starts;

/// <summary>A form or API start applies the start node's field permissions as a task submission does.</summary>
public sealed class StartFieldAccessTests
{
    private static FormDefinition OrderForm() => new()
    {
        Key = "order",
        Name = new LocalizedText("Order"),
        Fields =
        [
            new FieldDefinition { Id = "customer", Type = FieldTypes.Text, Label = new LocalizedText("客户", "Customer") },
            new FieldDefinition { Id = "customerName", Type = FieldTypes.Text, Label = new LocalizedText("Customer name") },
            new FieldDefinition
            {
                Id = "status", Type = FieldTypes.Text, Label = new LocalizedText("Order status"),
                Default = JsonValue.Create("submitted"),
            },
            new FieldDefinition
            {
                Id = "orderNo", Type = FieldTypes.Serial, Label = new LocalizedText("Order no."),
                SerialPattern = "SO-{yyyyMMdd}-{seq:4}",
            },
            new FieldDefinition { Id = "trackingNo", Type = FieldTypes.Text, Label = new LocalizedText("单号", "Tracking no.") },
            new FieldDefinition
            {
                Id = "lines", Type = FieldTypes.SubTable, Label = new LocalizedText("Lines"),
                Fields =
                [
                    new FieldDefinition { Id = "sku", Type = FieldTypes.Text, Label = new LocalizedText("SKU") },
                    new FieldDefinition { Id = "cost", Type = FieldTypes.Money, Label = new LocalizedText("Cost") },
                ],
            },
        ],
    };

    private static async Task<EngineFixture> FixtureAsync(bool startPermissions = true)
    {
        var fx = await EngineFixture.CreateAsync();
        fx.Definitions.Publish(
            new FlowBuilder("order").Configure(flow => flow.Form = "order")
                .Node("start", NodeTypes.Start, node => node.FieldPermissions = startPermissions
                    ? new Dictionary<string, FieldPermission>
                    {
                        ["customer"] = new() { Access = FieldPermission.Editable },
                        ["lines"] = new() { Access = FieldPermission.Editable, AddRows = true },
                        ["lines.cost"] = new() { Access = FieldPermission.Hidden },
                        ["status"] = new() { Access = FieldPermission.Hidden },
                        ["trackingNo"] = new() { Access = FieldPermission.Hidden },
                    }
                    : null)
                .Approval("approve", "bob").End()
                .Chain("start", "approve", "end").Build(),
            OrderForm());
        return fx;
    }

    private static StartInstanceRequest Request(string form, string trigger = TriggerKinds.Form) =>
        new("order", "alice") { TriggerKind = trigger, Form = JsonNode.Parse(form)!.AsObject() };

    [Test]
    public async Task HiddenField_Value_Rejected()
    {
        await using var fx = await FixtureAsync();

        var denied = Assert.ThrowsAsync<FieldAccessDeniedException>(() => fx.Engine.StartAsync(
            Request("""{"customer": "C001", "trackingNo": "FAKE123"}""") with
            {
                Culture = CultureInfo.GetCultureInfo("en"),
            },
            CancellationToken.None));

        Assert.That(denied!.Message, Is.EqualTo(
            "Field \"Tracking no.\" (trackingNo) is hidden at the start node 'start' of flow 'order', so it cannot " +
            "be set when starting this flow. Leave it out of the form data. Fields that can be set when starting: " +
            "customer, lines."));
        Assert.That(denied.FieldId, Is.EqualTo("trackingNo"));
        Assert.That(denied.NodeId, Is.EqualTo("start"));
        Assert.That(denied.Access, Is.EqualTo(FieldPermission.Hidden));
    }

    [Test]
    public async Task HiddenField_Rejected_WritesNothing()
    {
        await using var fx = await FixtureAsync();

        Assert.ThrowsAsync<FieldAccessDeniedException>(() => fx.Engine.StartAsync(
            Request("""{"customer": "C001", "trackingNo": "FAKE123"}""", TriggerKinds.Api), CancellationToken.None));

        await using var connection = await fx.Database.OpenConnectionAsync(CancellationToken.None);
        foreach (var table in new[] { "wk_instances", "wk_tasks", "wk_audit" })
        {
            Assert.That(await connection.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table}"), Is.Zero, table);
        }
    }

    [Test]
    public async Task HiddenField_Chinese_NamesLabel()
    {
        await using var fx = await FixtureAsync();

        var denied = Assert.ThrowsAsync<FieldAccessDeniedException>(() => fx.Engine.StartAsync(
            Request("""{"trackingNo": "FAKE123"}""", TriggerKinds.Api) with
            {
                Culture = CultureInfo.GetCultureInfo("zh-CN"),
            },
            CancellationToken.None));

        Assert.That(denied!.Message, Does.StartWith("Field \"单号\" (trackingNo) is hidden"));
    }

    [Test]
    public async Task HiddenField_OtherThanDefault_Rejected()
    {
        await using var fx = await FixtureAsync();

        var denied = Assert.ThrowsAsync<FieldAccessDeniedException>(() => fx.Engine.StartAsync(
            Request("""{"status": "shipped"}"""), CancellationToken.None));

        Assert.That(denied!.Message, Does.Contain(
            "(status) is hidden at the start node 'start' of flow 'order', so it cannot be set when starting this " +
            "flow. Leave it out of the form data or send its default \"submitted\"."));
    }

    [Test]
    public async Task UnlistedField_ReadOnly_Rejected()
    {
        await using var fx = await FixtureAsync();

        var denied = Assert.ThrowsAsync<FieldAccessDeniedException>(() => fx.Engine.StartAsync(
            Request("""{"customerName": "Ruijin"}"""), CancellationToken.None));

        Assert.That(denied!.Message, Does.StartWith(
            "Field \"Customer name\" (customerName) is readonly at the start node 'start'"));
    }

    [Test]
    public async Task HiddenColumn_Value_Rejected()
    {
        await using var fx = await FixtureAsync();

        var denied = Assert.ThrowsAsync<FieldAccessDeniedException>(() => fx.Engine.StartAsync(
            Request("""{"lines": [{"sku": "A1", "cost": 3}]}"""), CancellationToken.None));

        Assert.That(denied!.FieldId, Is.EqualTo("lines.cost"));
    }

    [Test]
    public async Task EditableAndDefaults_Start()
    {
        await using var fx = await FixtureAsync();

        var instance = await fx.Engine.StartAsync(
            Request("""{"customer": "C001", "status": "submitted", "trackingNo": null, "lines": [{"sku": "A1"}]}"""),
            CancellationToken.None);

        var form = (await fx.InstanceAsync(instance.Id)).Instance.Form;
        Assert.That(form["customer"]!.GetValue<string>(), Is.EqualTo("C001"));
        Assert.That(form["status"]!.GetValue<string>(), Is.EqualTo("submitted"), "default of a hidden field");
        await fx.TaskAssignedToAsync(instance.Id, "approve", "bob");
    }

    [Test]
    public async Task ComputedField_Unlisted_Accepted()
    {
        await using var fx = await FixtureAsync();

        var instance = await fx.Engine.StartAsync(
            Request("""{"customer": "C001", "orderNo": "SO-20261205-0001"}"""), CancellationToken.None);

        var form = (await fx.InstanceAsync(instance.Id)).Instance.Form;
        Assert.That(form["orderNo"]!.GetValue<string>(), Is.EqualTo("SO-20261205-0001"));
    }

    [Test]
    public async Task CliRun_HiddenField_Refused()
    {
        await using var fx = await FixtureAsync();
        var input = Path.Combine(Path.GetTempPath(), $"wk-start-access-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(input, """{"customer": "C001", "trackingNo": "FAKE123"}""");
        var error = new StringWriter();
        var cli = new RuntimeCli(fx.Engine, new StringWriter(), error);

        int code;
        try
        {
            code = await cli.RunAsync("order", input, "alice", CancellationToken.None);
        }
        finally
        {
            File.Delete(input);
        }

        Assert.That(code, Is.EqualTo(RuntimeCli.Refused));
        Assert.That(error.ToString(), Does.Contain("(trackingNo) is hidden at the start node 'start' of flow 'order'"));
        Assert.That(await fx.Engine.QueryInstancesAsync(new InstanceQuery(), CancellationToken.None), Is.Empty);
    }

    [Test]
    public async Task NoStartPermissions_EveryFieldSettable()
    {
        await using var fx = await FixtureAsync(startPermissions: false);

        var instance = await fx.Engine.StartAsync(
            Request("""{"customer": "C001", "trackingNo": "T1"}""", TriggerKinds.Api), CancellationToken.None);

        var form = (await fx.InstanceAsync(instance.Id)).Instance.Form;
        Assert.That(form["trackingNo"]!.GetValue<string>(), Is.EqualTo("T1"));
    }
}
