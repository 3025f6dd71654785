using System.Text.Json.Nodes;
using Dapper;
using WorkflowKit.Definitions;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Forms;
using WorkflowKit.Runtime.Instances;
using WorkflowKit.Runtime.Tasks;

namespace WorkflowKit.Runtime.Tests.Starts;

/// <summary>
/// A start from a form or an API call computes defaults and formulas on the server, and a flow with
/// <c>settings.startCreatesRecord</c> stores the start's data as a record of its form in the start's transaction.
/// </summary>
public sealed class StartComputationTests
{
    private static FormDefinition OrderForm() => new()
    {
        Key = "order",
        Name = new LocalizedText("Order"),
        Fields =
        [
            new FieldDefinition { Id = "customer", Type = FieldTypes.Text, Label = new LocalizedText("Customer"), Required = true },
            new FieldDefinition
            {
                Id = "channel", Type = FieldTypes.Text, Label = new LocalizedText("Channel"),
                DefaultExpression = new Expression { Formula = "\"portal\"" },
            },
            new FieldDefinition
            {
                Id = "lines", Type = FieldTypes.SubTable, Label = new LocalizedText("Lines"),
                Fields =
                [
                    new FieldDefinition { Id = "quantity", Type = FieldTypes.Number, Label = new LocalizedText("Quantity") },
                    new FieldDefinition { Id = "unitPrice", Type = FieldTypes.Money, Label = new LocalizedText("Unit price") },
                    new FieldDefinition
                    {
                        Id = "amount", Type = FieldTypes.Formula, Label = new LocalizedText("Amount"),
                        Formula = new Expression { Formula = "row.quantity * row.unitPrice" },
                    },
                ],
            },
            new FieldDefinition
            {
                Id = "total", Type = FieldTypes.Formula, Label = new LocalizedText("Total"),
                Formula = new Expression { Formula = "SUM(lines.amount)" },
                Max = JsonValue.Create(1000m),
            },
        ],
    };

    private static async Task<EngineFixture> FixtureAsync(bool createsRecord)
    {
        var fx = await EngineFixture.CreateAsync();
        fx.Definitions.Publish(
            new FlowBuilder("order")
                .Configure(flow =>
                {
                    flow.Form = "order";
                    flow.Settings = new FlowSettings
                    {
                        StartCreatesRecord = createsRecord ? true : null,
                        WithdrawnValues = createsRecord ? new() { ["channel"] = "'withdrawn by ' + initiator.id" } : null,
                    };
                })
                .Start().Approval("approve", "bob").End()
                .Chain("start", "approve", "end").Build(),
            OrderForm());
        return fx;
    }

    private static StartInstanceRequest Request(string form, string trigger = TriggerKinds.Form) =>
        new("order", "alice") { TriggerKind = trigger, Form = JsonNode.Parse(form)!.AsObject() };

    [TestCase(TriggerKinds.Form)]
    [TestCase(TriggerKinds.Api)]
    public async Task Start_OverwritesCallerFormulas(string trigger)
    {
        await using var fx = await FixtureAsync(createsRecord: false);

        var instance = await fx.Engine.StartAsync(
            Request("""{"customer": "C0001", "total": 1, "lines": [{"quantity": 2, "unitPrice": 10.5}, {"quantity": 3, "unitPrice": 4}]}""", trigger),
            CancellationToken.None);

        Assert.That(instance.Form["total"]!.GetValue<decimal>(), Is.EqualTo(33m));
        Assert.That(instance.Form["lines"]![0]!["amount"]!.GetValue<decimal>(), Is.EqualTo(21m));
        Assert.That(instance.Form["channel"]!.GetValue<string>(), Is.EqualTo("portal"));
        var stored = await fx.Engine.GetInstanceAsync(instance.Id, CancellationToken.None);
        Assert.That(stored!.Instance.Form["total"]!.GetValue<decimal>(), Is.EqualTo(33m));
    }

    [Test]
    public async Task Start_ValidatesComputedTotal()
    {
        await using var fx = await FixtureAsync(createsRecord: true);

        var rejected = Assert.ThrowsAsync<InvalidSubmissionException>(() => fx.Engine.StartAsync(
            Request("""{"customer": "C0001", "total": 5, "lines": [{"quantity": 200, "unitPrice": 10}]}"""),
            CancellationToken.None));

        Assert.That(rejected!.Errors.Select(error => error.Path), Is.EqualTo(new[] { "total" }));
        Assert.That(await fx.Records.CountRecordsAsync("order"), Is.Zero);
        await using var connection = await fx.Database.OpenConnectionAsync(CancellationToken.None);
        Assert.That(await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM wk_instances"), Is.Zero);
    }

    [Test]
    public async Task StartRecord_StoresComputedData()
    {
        await using var fx = await FixtureAsync(createsRecord: true);

        var instance = await fx.Engine.StartAsync(
            Request("""{"customer": "C0001", "lines": [{"quantity": 2, "unitPrice": 10}]}"""), CancellationToken.None);

        var recordId = instance.Variables["recordId"]!.GetValue<long>();
        var record = await fx.Records.GetAsync("order", recordId, null, CancellationToken.None);
        Assert.That(record, Is.Not.Null);
        Assert.That(record!.Data["total"]!.GetValue<decimal>(), Is.EqualTo(20m));
        await using var connection = await fx.Database.OpenConnectionAsync(CancellationToken.None);
        var written = await connection.QuerySingleAsync<(string CreatedBy, string InstanceId)>(
            "SELECT created_by, instance_id FROM test_records WHERE id = @Id", new { Id = recordId });
        Assert.That(written, Is.EqualTo(("alice", instance.Id)));
        Assert.That(await fx.Records.CountRecordsAsync("order"), Is.EqualTo(1));
    }

    [Test]
    public async Task Withdraw_WritesWithdrawnValues()
    {
        await using var fx = await FixtureAsync(createsRecord: true);
        var instance = await fx.Engine.StartAsync(
            Request("""{"customer": "C0001", "lines": []}"""), CancellationToken.None);

        await fx.Engine.WithdrawAsync(instance.Id, "alice", "typo", CancellationToken.None);

        var record = await fx.Records.GetAsync(
            "order", instance.Variables["recordId"]!.GetValue<long>(), null, CancellationToken.None);
        Assert.That(record!.Data["channel"]!.GetValue<string>(), Is.EqualTo("withdrawn by alice"));
        Assert.That(record.Data["customer"]!.GetValue<string>(), Is.EqualTo("C0001"));
    }

    [Test]
    public async Task Resubmission_UpdatesStartRecord()
    {
        await using var fx = await FixtureAsync(createsRecord: true);
        var instance = await fx.Engine.StartAsync(
            Request("""{"customer": "C0001", "lines": [{"quantity": 2, "unitPrice": 10}]}"""), CancellationToken.None);
        var approval = await fx.TaskAssignedToAsync(instance.Id, "approve", "bob");
        await fx.Engine.ActAsync(
            new TaskActionRequest(approval.Id, TaskActions.Return, "bob")
            {
                TargetNodeId = ReturnTarget.Initiator, ExpectedVersion = approval.Version,
            },
            CancellationToken.None);
        var resubmission = await fx.TaskAssignedToAsync(instance.Id, "start", "alice");

        await fx.Engine.ActAsync(
            new TaskActionRequest(resubmission.Id, TaskActions.Resubmit, "alice")
            {
                FormChanges = JsonNode.Parse("""{"lines": [{"quantity": 3, "unitPrice": 10}]}""")!.AsObject(),
                ExpectedVersion = resubmission.Version,
            },
            CancellationToken.None);

        var stored = await fx.Engine.GetInstanceAsync(instance.Id, CancellationToken.None);
        var record = await fx.Records.GetAsync(
            "order", instance.Variables["recordId"]!.GetValue<long>(), null, CancellationToken.None);
        Assert.That(stored!.Instance.Form["total"]!.GetValue<decimal>(), Is.EqualTo(30m));
        Assert.That(record!.Data["total"]!.GetValue<decimal>(), Is.EqualTo(30m));
    }

    [Test]
    public async Task TaskSubmit_RecomputesTotal()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Definitions.Publish(
            new FlowBuilder("order").Configure(flow => flow.Form = "order")
                .Start()
                .FillIn("adjust", "alice", node => node.FieldPermissions = new Dictionary<string, FieldPermission>
                {
                    ["lines"] = new() { Access = FieldPermission.Editable, EditRows = true },
                })
                .End()
                .Chain("start", "adjust", "end").Build(),
            OrderForm());
        var instance = await fx.Engine.StartAsync(
            Request("""{"customer": "C0001", "lines": [{"quantity": 2, "unitPrice": 10}]}"""), CancellationToken.None);
        var task = await fx.TaskAssignedToAsync(instance.Id, "adjust", "alice");

        await fx.Engine.ActAsync(
            new TaskActionRequest(task.Id, TaskActions.Submit, "alice")
            {
                FormChanges = JsonNode.Parse("""{"lines": [{"quantity": 5, "unitPrice": 10, "amount": 1}]}""")!.AsObject(),
                ExpectedVersion = task.Version,
            },
            CancellationToken.None);

        var stored = (await fx.Engine.GetInstanceAsync(instance.Id, CancellationToken.None))!.Instance.Form;
        Assert.That(stored["lines"]![0]!["amount"]!.GetValue<decimal>(), Is.EqualTo(50m));
        Assert.That(stored["total"]!.GetValue<decimal>(), Is.EqualTo(50m));
    }

    [Test]
    public async Task WithoutSetting_StoresNoRecord()
    {
        await using var fx = await FixtureAsync(createsRecord: false);

        var instance = await fx.Engine.StartAsync(
            Request("""{"customer": "C0001", "lines": []}""", TriggerKinds.Api), CancellationToken.None);

        Assert.That(instance.Variables.ContainsKey("recordId"), Is.False);
        Assert.That(await fx.Records.CountRecordsAsync("order"), Is.Zero);
    }

    [Test]
    public async Task ScheduledStart_KeepsData()
    {
        await using var fx = await FixtureAsync(createsRecord: true);

        var instance = await fx.Engine.StartAnyAsync(
            Request("""{"customer": "C0001", "total": 7}""", TriggerKinds.Schedule), CancellationToken.None);

        Assert.That(instance.Form["total"]!.GetValue<decimal>(), Is.EqualTo(7m));
        Assert.That(await fx.Records.CountRecordsAsync("order"), Is.Zero);
    }

    /// <summary>
    /// A form whose date default and formula read TODAY(), in a flow on Los Angeles time: the fixture's clock
    /// (3 March 2025, 01:00 UTC) is 2 March there and 3 March in the tenant's zone (Shanghai).
    /// </summary>
    private static async Task<EngineFixture> DatedFixtureAsync()
    {
        var fx = await EngineFixture.CreateAsync();
        var form = new FormDefinition
        {
            Key = "dated",
            Name = new LocalizedText("Dated"),
            Fields =
            [
                new FieldDefinition { Id = "note", Type = FieldTypes.Text, Label = new LocalizedText("Note") },
                new FieldDefinition
                {
                    Id = "receivedOn", Type = FieldTypes.Date, Label = new LocalizedText("Received on"),
                    DefaultExpression = new Expression { Formula = "TODAY()" },
                },
                new FieldDefinition
                {
                    Id = "checkedOn", Type = FieldTypes.Formula, Label = new LocalizedText("Checked on"),
                    Formula = new Expression { Formula = "CONCAT(note, \" \", TODAY())" },
                },
            ],
        };
        fx.Definitions.Publish(
            new FlowBuilder("dated")
                .Configure(flow =>
                {
                    flow.Form = "dated";
                    flow.Settings = new FlowSettings { TimeZone = "America/Los_Angeles" };
                })
                .Start()
                .FillIn("check", "alice", node => node.FieldPermissions = new Dictionary<string, FieldPermission>
                {
                    ["note"] = new() { Access = FieldPermission.Editable },
                })
                .End()
                .Chain("start", "check", "end").Build(),
            form);
        return fx;
    }

    [Test]
    public async Task Start_TodayInFlowZone()
    {
        await using var fx = await DatedFixtureAsync();

        var instance = await fx.Engine.StartAsync(
            new StartInstanceRequest("dated", "alice") { TriggerKind = TriggerKinds.Form, Form = new JsonObject { ["note"] = "in" } },
            CancellationToken.None);

        Assert.That(instance.Form["receivedOn"]!.GetValue<string>(), Is.EqualTo("2025-03-02"));
        Assert.That(instance.Form["checkedOn"]!.GetValue<string>(), Is.EqualTo("in 2025-03-02"));
    }

    [Test]
    public async Task TaskSubmit_TodayInFlowZone()
    {
        await using var fx = await DatedFixtureAsync();
        var instance = await fx.Engine.StartAsync(
            new StartInstanceRequest("dated", "alice") { TriggerKind = TriggerKinds.Form, Form = new JsonObject { ["note"] = "in" } },
            CancellationToken.None);
        var task = await fx.TaskAssignedToAsync(instance.Id, "check", "alice");
        fx.Time.Advance(TimeSpan.FromHours(16));

        await fx.Engine.ActAsync(
            new TaskActionRequest(task.Id, TaskActions.Submit, "alice")
            {
                FormChanges = new JsonObject { ["note"] = "checked" },
                ExpectedVersion = task.Version,
            },
            CancellationToken.None);

        // 17:00 UTC on 3 March is 09:00 on 3 March in Los Angeles and 01:00 on 4 March in Shanghai.
        var stored = (await fx.Engine.GetInstanceAsync(instance.Id, CancellationToken.None))!.Instance.Form;
        Assert.That(stored["checkedOn"]!.GetValue<string>(), Is.EqualTo("checked 2025-03-03"));
        Assert.That(stored["receivedOn"]!.GetValue<string>(), Is.EqualTo("2025-03-02"));
    }
}
