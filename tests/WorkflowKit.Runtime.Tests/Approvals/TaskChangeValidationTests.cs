using System.Text.Json.Nodes;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Definitions.Json;
using WorkflowKit.Forms;
using WorkflowKit.Runtime.Instances;
using WorkflowKit.Runtime.Tasks;

namespace WorkflowKit.Runtime.Tests.Approvals;

/// <summary>
/// A task's changes to the instance's form go through the form's rules, as a start does: an approver cannot write a
/// negative credit limit, nor a warehouse user mark an order shipped without its date.
/// </summary>
public sealed class TaskChangeValidationTests
{
    private const string FormJson = """
        {
          "key": "account",
          "name": { "en": "Account" },
          "fields": [
            { "id": "code", "type": "text", "label": { "en": "Code" }, "required": true, "unique": true },
            { "id": "creditLimit", "type": "money", "label": { "en": "Credit limit" }, "min": 0 },
            { "id": "status", "type": "text", "label": { "en": "Status" } },
            { "id": "shippedDate", "type": "date", "label": { "en": "Shipped date" } },
            { "id": "note", "type": "text", "label": { "en": "Note" }, "maxLength": 5 }
          ],
          "rules": [
            {
              "id": "shippedNeedsDate",
              "condition": {
                "any": [
                  { "all": [{ "field": "status", "operator": "ne", "value": "shipped" }] },
                  { "all": [{ "field": "shippedDate", "operator": "isNotEmpty" }] }
                ]
              },
              "message": { "en": "A shipped account needs the shipped date" },
              "fields": ["shippedDate"]
            }
          ]
        }
        """;

    private static async Task<EngineFixture> FixtureAsync(bool createsRecord = false)
    {
        var fx = await EngineFixture.CreateAsync();
        fx.Definitions.Publish(
            new FlowBuilder("review")
                .Configure(flow =>
                {
                    flow.Form = "account";
                    flow.Settings = createsRecord ? new FlowSettings { StartCreatesRecord = true } : null;
                })
                .Start()
                .FillIn("check", "bob", node => node.FieldPermissions = new Dictionary<string, FieldPermission>
                {
                    ["creditLimit"] = new() { Access = FieldPermission.Editable },
                    ["status"] = new() { Access = FieldPermission.Editable },
                    ["shippedDate"] = new() { Access = FieldPermission.Editable },
                    ["note"] = new() { Access = FieldPermission.Editable },
                })
                .End()
                .Chain("start", "check", "end").Build(),
            DefinitionJson.Deserialize<FormDefinition>(FormJson));
        return fx;
    }

    private static StartInstanceRequest Start(string form, string trigger = TriggerKinds.Api) =>
        new("review", "alice") { TriggerKind = trigger, Form = JsonNode.Parse(form)!.AsObject() };

    private static async Task<(WorkflowInstance Instance, WorkTask Task)> StartedAsync(
        EngineFixture fx, string form = """{"code": "C1", "creditLimit": 1000}""", string trigger = TriggerKinds.Api)
    {
        // A schedule start stands for the engine's own starts, which skip the form checks, so it may carry invalid data.
        var instance = await fx.Engine.StartAnyAsync(Start(form, trigger), CancellationToken.None);
        return (instance, await fx.TaskAssignedToAsync(instance.Id, "check", "bob"));
    }

    private static Task<TaskActionResult> SubmitAsync(EngineFixture fx, WorkTask task, string changes) =>
        fx.Engine.ActAsync(
            new TaskActionRequest(task.Id, TaskActions.Submit, "bob")
            {
                FormChanges = JsonNode.Parse(changes)!.AsObject(),
                ExpectedVersion = task.Version,
            },
            CancellationToken.None);

    [Test]
    public async Task Submit_NegativeLimitRejected()
    {
        await using var fx = await FixtureAsync();
        var (instance, task) = await StartedAsync(fx);

        var rejected = Assert.ThrowsAsync<InvalidSubmissionException>(() => SubmitAsync(fx, task, """{"creditLimit": -5000}"""));

        Assert.That(rejected!.Errors.Select(error => error.Path), Is.EqualTo(new[] { "creditLimit" }));
        var stored = (await fx.Engine.GetInstanceAsync(instance.Id, CancellationToken.None))!.Instance.Form;
        Assert.That(stored["creditLimit"]!.GetValue<decimal>(), Is.EqualTo(1000m));
        var open = await fx.OpenTasksAsync(instance.Id);
        Assert.That(open.Select(candidate => candidate.Id), Is.EqualTo(new[] { task.Id }));
    }

    [Test]
    public async Task Submit_CrossFieldRuleRejected()
    {
        await using var fx = await FixtureAsync();
        var (_, task) = await StartedAsync(fx);

        var rejected = Assert.ThrowsAsync<InvalidSubmissionException>(() => SubmitAsync(fx, task, """{"status": "shipped"}"""));

        Assert.That(rejected!.Errors.Single().Path, Is.EqualTo("shippedDate"));
        Assert.That(rejected.Errors.Single().Message, Does.Contain("shipped date"));
    }

    [Test]
    public async Task Submit_ValidChangesAccepted()
    {
        await using var fx = await FixtureAsync();
        var (instance, task) = await StartedAsync(fx);

        await SubmitAsync(fx, task, """{"status": "shipped", "shippedDate": "2025-03-03", "creditLimit": 0}""");

        await fx.InstanceEndedWithAsync(instance.Id, "end");
    }

    [Test]
    public async Task Submit_EarlierProblemDoesNotBlock()
    {
        await using var fx = await FixtureAsync();
        // A scheduled start takes its data as it is, so the form starts with a note longer than its limit.
        var (instance, task) = await StartedAsync(fx, """{"code": "C1", "note": "too long"}""", TriggerKinds.Schedule);

        await SubmitAsync(fx, task, """{"creditLimit": 20}""");

        await fx.InstanceEndedWithAsync(instance.Id, "end");
    }

    [Test]
    public async Task Submit_ReportsOnlyNewProblems()
    {
        await using var fx = await FixtureAsync();
        var (_, task) = await StartedAsync(fx, """{"code": "C1", "note": "too long"}""", TriggerKinds.Schedule);

        var rejected = Assert.ThrowsAsync<InvalidSubmissionException>(
            () => SubmitAsync(fx, task, """{"note": "too long", "creditLimit": -1}"""));

        Assert.That(rejected!.Errors.Select(error => error.Path), Is.EqualTo(new[] { "creditLimit" }));
    }

    [Test]
    public async Task Submit_ChangedValueStillBrokenIsReported()
    {
        // The approver typed a new note that is too long as well: that problem is theirs, not the form's.
        await using var fx = await FixtureAsync();
        var (_, task) = await StartedAsync(fx, """{"code": "C1", "note": "too long"}""", TriggerKinds.Schedule);

        var rejected = Assert.ThrowsAsync<InvalidSubmissionException>(
            () => SubmitAsync(fx, task, """{"note": "longer still"}"""));

        Assert.That(rejected!.Errors.Select(error => error.Path), Is.EqualTo(new[] { "note" }));
    }

    [Test]
    public async Task Start_UniqueCheckedOnlyForRecordStarts()
    {
        await using var reviews = await FixtureAsync();
        await reviews.Records.CreateAsync(
            "account", new JsonObject { ["code"] = "C1" },
            new WorkflowKit.Records.RecordWriteContext("alice", null, null), CancellationToken.None);

        // A review of an existing account repeats its code, which is no clash: the start stores no record.
        var review = await reviews.Engine.StartAsync(Start("""{"code": "C1"}"""), CancellationToken.None);
        Assert.That(review.Form["code"]!.GetValue<string>(), Is.EqualTo("C1"));

        await using var accounts = await FixtureAsync(createsRecord: true);
        await accounts.Records.CreateAsync(
            "account", new JsonObject { ["code"] = "C1" },
            new WorkflowKit.Records.RecordWriteContext("alice", null, null), CancellationToken.None);
        var rejected = Assert.ThrowsAsync<InvalidSubmissionException>(
            () => accounts.Engine.StartAsync(Start("""{"code": "C1"}"""), CancellationToken.None));
        Assert.That(rejected!.Errors.Select(error => error.Path), Is.EqualTo(new[] { "code" }));
    }
}
