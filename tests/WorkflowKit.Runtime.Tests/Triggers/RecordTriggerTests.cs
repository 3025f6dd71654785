using System.Text;
using System.Text.Json.Nodes;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using WorkflowKit.Definitions.Conditions;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Forms;
using WorkflowKit.Import;
using WorkflowKit.Records;
using WorkflowKit.Runtime.Instances;
using WorkflowKit.Storage.Sqlite.Records;

namespace WorkflowKit.Runtime.Tests.Triggers;

/// <summary>Flows started by record writes through <see cref="WorkflowEngine.Records"/>.</summary>
public sealed class RecordTriggerTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Test]
    public async Task Create_StartsFlow_WithTriggerVars()
    {
        await using var fx = await CreateAsync();
        await PublishReviewAsync(fx);

        var created = await CreateCustomerAsync(fx, "C1", 5000m);
        await fx.RunDueWorkAsync();

        var started = await ReviewsAsync(fx);
        Assert.That(started, Has.Count.EqualTo(1), "review instances");
        var detail = await fx.InstanceAsync(started[0].Id);
        var trigger = detail.Instance.Variables["trigger"]!.AsObject();
        Assert.Multiple(() =>
        {
            Assert.That(detail.Instance.TriggerKind, Is.EqualTo(TriggerKinds.Record));
            Assert.That(detail.Instance.Initiator, Is.EqualTo("alice"));
            Assert.That(detail.Instance.Form["code"]!.GetValue<string>(), Is.EqualTo("C1"));
            Assert.That(trigger["kind"]!.GetValue<string>(), Is.EqualTo(TriggerKinds.Record));
            Assert.That(trigger["event"]!.GetValue<string>(), Is.EqualTo("created"));
            Assert.That(trigger["form"]!.GetValue<string>(), Is.EqualTo("customer"));
            Assert.That(trigger["recordId"]!.GetValue<long>(), Is.EqualTo(created.Id));
            Assert.That(trigger["changedFields"], Is.Null);
        });
        await fx.TaskAssignedToAsync(started[0].Id, "review", "bob");
    }

    [Test]
    public async Task Update_Vars_ListChangedFields()
    {
        await using var fx = await CreateAsync();
        var created = await CreateCustomerAsync(fx, "C1", 5000m);
        await PublishReviewAsync(fx, trigger => trigger.On = ["updated"]);

        await fx.Engine.Records.UpdateAsync(
            "customer", created.Id, new JsonObject { ["creditLimit"] = 8000m, ["phone"] = "021-1" }, null,
            new RecordWriteContext("carol"), None);
        await fx.RunDueWorkAsync();

        var started = await ReviewsAsync(fx);
        Assert.That(started, Has.Count.EqualTo(1), "review instances");
        var trigger = (await fx.InstanceAsync(started[0].Id)).Instance.Variables["trigger"]!;
        Assert.Multiple(() =>
        {
            Assert.That(trigger["event"]!.GetValue<string>(), Is.EqualTo("updated"));
            Assert.That(trigger["changedFields"]!.AsArray().Select(field => field!.GetValue<string>()),
                Is.EqualTo(new[] { "creditLimit", "phone" }));
            Assert.That(started[0].Initiator, Is.EqualTo("carol"));
        });
    }

    [Test]
    public async Task DeliveredTwice_StartsOnce()
    {
        await using var fx = await CreateAsync();
        await PublishReviewAsync(fx);
        await CreateCustomerAsync(fx, "C1", 5000m);
        await fx.RunDueWorkAsync();

        // A second runner that claimed the message after the first runner's lease ran out finds it pending again.
        await using (var connection = await fx.Database.OpenConnectionAsync(None))
        {
            var reset = await connection.ExecuteAsync(
                "UPDATE wk_outbox SET status = 'pending', delivered_at = NULL WHERE kind = 'recordTrigger'");
            Assert.That(reset, Is.EqualTo(1), "record-trigger messages reset");
        }

        await fx.RunDueWorkAsync();

        Assert.That(await ReviewsAsync(fx), Has.Count.EqualTo(1), "review instances");
        Assert.That(await OutboxStatusesAsync(fx), Is.EqualTo(new[] { "delivered" }));
    }

    [Test]
    public async Task RolledBackWrite_StartsNothing()
    {
        await using var fx = await CreateAsync();
        await PublishReviewAsync(fx);

        await using (var transaction = await fx.Database.BeginTransactionAsync(None))
        {
            await fx.Engine.Records.CreateAsync(
                "customer", Customer("C1", 5000m), new RecordWriteContext("alice") { Transaction = transaction }, None);
        }

        await fx.RunDueWorkAsync();

        Assert.That(await ReviewsAsync(fx), Is.Empty, "review instances");
        Assert.That(await OutboxStatusesAsync(fx), Is.Empty, "record-trigger messages");
    }

    [Test]
    public async Task Import_ThroughEngineRecords_StartsFlows()
    {
        await using var fx = await CreateAsync();
        await PublishReviewAsync(fx);
        var submissions = new FormSubmissionService(
            new FormValidatorFactory(new FormValidationServices { Directory = fx.Organization, Records = fx.Engine.Records }),
            fx.Engine.Records, fx.Database, null);
        var importer = new RecordImporter(submissions, fx.Database, null, NullLogger<RecordImporter>.Instance);
        var csv = "code,name,creditLimit\nC1,Ruijin,5000\nC2,Huashan,7000\nC3,Zhongshan,9000\n";
        await using var source = await CsvImportSource.OpenAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv)), None);

        var result = await importer.ImportAsync(CustomerForm, source, "alice", new ImportOptions(), None);
        await fx.RunDueWorkAsync();

        Assert.That(result.RowsWritten, Is.EqualTo(3), string.Join("; ", result.Errors.Select(error => error.Message)));
        var codes = new List<string>();
        foreach (var instance in await ReviewsAsync(fx))
        {
            codes.Add((await fx.InstanceAsync(instance.Id)).Instance.Form["code"]!.GetValue<string>());
        }

        Assert.That(codes.Order(StringComparer.Ordinal), Is.EqualTo(new[] { "C1", "C2", "C3" }));
    }

    [Test]
    public async Task Fields_UnlistedChange_StartsNothing()
    {
        await using var fx = await CreateAsync();
        var created = await CreateCustomerAsync(fx, "C1", 5000m);
        await PublishReviewAsync(fx, trigger => trigger.Fields = ["creditLimit"]);

        var phone = await fx.Engine.Records.UpdateAsync(
            "customer", created.Id, new JsonObject { ["phone"] = "021-1" }, null, new RecordWriteContext("alice"), None);
        await fx.RunDueWorkAsync();
        var afterPhone = (await ReviewsAsync(fx)).Count;
        await fx.Engine.Records.UpdateAsync(
            "customer", created.Id, new JsonObject { ["creditLimit"] = 6000m }, phone.Version, new RecordWriteContext("alice"),
            None);
        await fx.RunDueWorkAsync();

        Assert.That(afterPhone, Is.Zero, "reviews after a phone change");
        Assert.That(await ReviewsAsync(fx), Has.Count.EqualTo(1), "reviews after a limit change");
    }

    [Test]
    public async Task Update_NothingChanged_StartsNothing()
    {
        await using var fx = await CreateAsync();
        var created = await CreateCustomerAsync(fx, "C1", 5000m);
        await PublishReviewAsync(fx);

        await fx.Engine.Records.UpdateAsync(
            "customer", created.Id, new JsonObject { ["creditLimit"] = 5000m }, null, new RecordWriteContext("alice"), None);
        await fx.RunDueWorkAsync();

        Assert.That(await ReviewsAsync(fx), Is.Empty);
    }

    [Test]
    public async Task Condition_False_StartsNothing()
    {
        await using var fx = await CreateAsync();
        await PublishReviewAsync(fx, trigger => trigger.Condition = Condition.Script("form.creditLimit > 6000"));

        await CreateCustomerAsync(fx, "C1", 5000m);
        await CreateCustomerAsync(fx, "C2", 7000m);
        await fx.RunDueWorkAsync();

        var started = await ReviewsAsync(fx);
        Assert.That(started, Has.Count.EqualTo(1), "review instances");
        Assert.That((await fx.InstanceAsync(started[0].Id)).Instance.Form["code"]!.GetValue<string>(), Is.EqualTo("C2"));
    }

    [Test]
    public async Task OtherForm_StartsNothing()
    {
        await using var fx = await CreateAsync();
        await PublishReviewAsync(fx);

        await fx.Engine.Records.CreateAsync(
            "supplier", new JsonObject { ["code"] = "S1" }, new RecordWriteContext("alice"), None);
        await fx.RunDueWorkAsync();

        Assert.That(await ReviewsAsync(fx), Is.Empty);
    }

    [Test]
    public async Task Restart_SyncPublished_KeepsTriggers()
    {
        await using var fx = await CreateAsync();
        await PublishReviewAsync(fx);

        fx.Restart();
        await fx.Engine.SyncPublishedTriggersAsync(None);
        await CreateCustomerAsync(fx, "C1", 5000m);
        await fx.RunDueWorkAsync();

        Assert.That(await ReviewsAsync(fx), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task OtherNode_Refresh_PicksUpPublish()
    {
        await using var fx = await CreateAsync();
        var other = new WorkflowEngine(
            fx.Database, fx.Store, fx.Definitions, fx.Expressions, fx.Organization, fx.RecordStore, fx.Time, fx.Options);
        await other.SyncPublishedTriggersAsync(None);
        await PublishReviewAsync(fx);

        await other.Records.CreateAsync("customer", Customer("C1", 1m), new RecordWriteContext("alice"), None);
        var beforeRefresh = await OutboxStatusesAsync(fx);
        await other.SyncPublishedTriggersAsync(None);
        await other.Records.CreateAsync("customer", Customer("C2", 2m), new RecordWriteContext("alice"), None);
        await fx.RunDueWorkAsync();

        Assert.That(beforeRefresh, Is.Empty, "messages before the other node refreshed");
        Assert.That(await ReviewsAsync(fx), Has.Count.EqualTo(1), "review instances");
    }

    [Test]
    public async Task FlowUpdatingItsTrigger_StopsAtDepthLimit()
    {
        // Each instance raises the limit of the customer whose update started it, which starts the flow again. The
        // engine allows 8 record-triggered starts in a row.
        const int maxDepth = 8;
        await using var fx = await CreateAsync();
        var trigger = new TriggerDefinition
        {
            Type = TriggerTypes.Record, Form = "customer", On = ["updated"], Fields = ["creditLimit"],
        };
        var flow = fx.Publish(new FlowBuilder("bump")
            .Start()
            .Node("raise", NodeTypes.UpdateRecord, node =>
            {
                node.Form = "customer";
                node.RecordId = "vars.trigger.recordId";
                node.Values = new() { ["creditLimit"] = "form.creditLimit + 1" };
            })
            .End()
            .Chain("start", "raise", "end")
            .Configure(definition => definition.Triggers = [trigger]));
        await fx.Engine.SyncTriggersAsync(flow, None);
        var created = await CreateCustomerAsync(fx, "C1", 100m);

        await fx.Engine.Records.UpdateAsync(
            "customer", created.Id, new JsonObject { ["creditLimit"] = 101m }, null, new RecordWriteContext("carol"), None);
        await fx.RunDueWorkAsync();

        var instances = await fx.Engine.QueryInstancesAsync(new InstanceQuery { FlowKey = "bump" }, None);
        Assert.That(instances, Has.Count.EqualTo(maxDepth));
        var depths = new List<int>();
        InstanceDetail? stuck = null;
        foreach (var instance in instances)
        {
            var detail = await fx.InstanceAsync(instance.Id);
            depths.Add(detail.Instance.Variables["trigger"]!["depth"]!.GetValue<int>());
            stuck = detail.Incidents.Count > 0 ? detail : stuck;
        }

        Assert.That(depths.Order(), Is.EqualTo(Enumerable.Range(1, maxDepth)));
        Assert.That(stuck, Is.Not.Null, "the last instance of the chain has an incident");
        Assert.That(stuck!.Instance.Variables["trigger"]!["depth"]!.GetValue<int>(), Is.EqualTo(maxDepth));
        Assert.That(stuck.Incidents.Single().Message, Does.Contain("would start flow 'bump' through a record trigger 9 times"));
        var stored = await fx.Engine.Records.GetAsync("customer", created.Id, null, None);
        Assert.That(stored!.Data["creditLimit"]!.GetValue<decimal>(), Is.EqualTo(101m + maxDepth - 1));
    }

    private static FormDefinition CustomerForm { get; } = new()
    {
        Key = "customer",
        Fields =
        [
            new FieldDefinition { Id = "code", Type = FieldTypes.Text },
            new FieldDefinition { Id = "name", Type = FieldTypes.Text },
            new FieldDefinition { Id = "creditLimit", Type = FieldTypes.Number },
            new FieldDefinition { Id = "phone", Type = FieldTypes.Text },
        ],
    };

    private static async Task<EngineFixture> CreateAsync()
    {
        var fx = await EngineFixture.CreateAsync();
        var store = new SqliteRecordStore(fx.Database, fx.Time);
        await store.RegisterFormAsync(CustomerForm, None);
        await store.RegisterFormAsync(
            new FormDefinition { Key = "supplier", Fields = [new FieldDefinition { Id = "code", Type = FieldTypes.Text }] },
            None);
        fx.RecordStore = store;
        fx.Restart();
        return fx;
    }

    private static async Task PublishReviewAsync(EngineFixture fx, Action<TriggerDefinition>? configure = null)
    {
        var trigger = new TriggerDefinition { Type = TriggerTypes.Record, Form = "customer" };
        configure?.Invoke(trigger);
        var flow = fx.Publish(new FlowBuilder("review")
            .Start()
            .Approval("review", "bob")
            .End()
            .Chain("start", "review", "end")
            .Configure(definition => definition.Triggers = [trigger]));
        await fx.Engine.SyncTriggersAsync(flow, None);
    }

    private static JsonObject Customer(string code, decimal limit) =>
        new() { ["code"] = code, ["name"] = "Hospital " + code, ["creditLimit"] = limit };

    private static Task<RecordEntry> CreateCustomerAsync(EngineFixture fx, string code, decimal limit) =>
        fx.Engine.Records.CreateAsync("customer", Customer(code, limit), new RecordWriteContext("alice"), None);

    private static Task<IReadOnlyList<WorkflowInstance>> ReviewsAsync(EngineFixture fx) =>
        fx.Engine.QueryInstancesAsync(new InstanceQuery { FlowKey = "review" }, None);

    private static async Task<List<string>> OutboxStatusesAsync(EngineFixture fx)
    {
        await using var connection = await fx.Database.OpenConnectionAsync(None);
        var statuses = await connection.QueryAsync<string>("SELECT status FROM wk_outbox WHERE kind = 'recordTrigger'");
        return [.. statuses];
    }
}
