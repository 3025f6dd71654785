using System.Text.Json.Nodes;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Runtime.Audit;
using WorkflowKit.Runtime.Tasks;

namespace WorkflowKit.Runtime.Tests.Audit;

/// <summary>Changes made by automatic steps are credited to those steps, never to the next person who acts.</summary>
public sealed class AuditFormChangesTests
{
    private static FlowBuilder ScriptThenApproval() => new FlowBuilder("credit")
        .Start()
        .Script("aggregate", "form.status = 'watch'; form.score = form.score + 10;")
        .Approval("review", ApprovalModes.Single, ["dave"], node => node.FieldPermissions = new()
        {
            ["note"] = new FieldPermission { Access = FieldPermission.Editable },
        })
        .End()
        .Chain("start", "aggregate", "review", "end");

    [Test]
    public async Task ScriptChange_OnScriptLine_NotOnApproval()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(ScriptThenApproval());
        var instance = await fx.StartAsync("credit", form: """{"status": "normal", "score": 50}""");

        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "review", "dave"), "approve");

        await fx.InstanceEndedWithAsync(instance.Id, "end");
        var history = await fx.Engine.GetHistoryAsync(instance.Id, CancellationToken.None);
        var script = history.Single(entry => entry.Action == AuditActions.NodeCompleted && entry.NodeId == "aggregate");
        var approval = history.Single(entry => entry.Action == "task.approve");
        var stored = script.Details![AuditFormChanges.DetailsKey]!.AsObject();
        Assert.Multiple(() =>
        {
            Assert.That(script.Actor, Is.EqualTo("system"));
            Assert.That(stored.Select(pair => pair.Key), Is.EquivalentTo(new[] { "status", "score" }));
            Assert.That(stored["status"]!["old"]!.GetValue<string>(), Is.EqualTo("normal"));
            Assert.That(stored["status"]!["new"]!.GetValue<string>(), Is.EqualTo("watch"));
            Assert.That(stored["score"]!["new"]!.GetValue<int>(), Is.EqualTo(60));
            Assert.That(approval.Details!.ContainsKey(AuditFormChanges.DetailsKey), Is.False);
        });

        var byLine = AuditFormChanges.ByLine(history);
        Assert.Multiple(() =>
        {
            Assert.That(byLine.Keys, Is.EqualTo(new[] { script.Id }));
            Assert.That(byLine[script.Id]["status"]!["new"]!.GetValue<string>(), Is.EqualTo("watch"));
        });
    }

    [Test]
    public void Empty_to_empty_is_no_change()
    {
        var before = JsonNode.Parse("""{"warning": "", "lines": [], "note": null, "score": 1}""")!.AsObject();
        var after = JsonNode.Parse("""{"warning": null, "lines": null, "note": "", "score": 1, "extra": []}""")!.AsObject();

        var changes = AuditFormChanges.Diff(before, after);

        Assert.That(changes, Is.Empty, changes.ToJsonString());
    }

    [Test]
    public void Empty_to_value_is_a_change()
    {
        var before = JsonNode.Parse("""{"warning": "", "lines": []}""")!.AsObject();
        var after = JsonNode.Parse("""{"warning": "low", "lines": [{"qty": 1}]}""")!.AsObject();

        var changes = AuditFormChanges.Diff(before, after);

        Assert.That(changes.Select(pair => pair.Key), Is.EquivalentTo(new[] { "warning", "lines" }));
    }

    [Test]
    public async Task ApproverChange_ListsOnlyOwnFields()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(ScriptThenApproval());
        var instance = await fx.StartAsync("credit", form: """{"status": "normal", "score": 50}""");
        var review = await fx.TaskAssignedToAsync(instance.Id, "review", "dave");

        await fx.Engine.ActAsync(
            new TaskActionRequest(review.Id, "approve", "dave") { FormChanges = new JsonObject { ["note"] = "checked" } },
            CancellationToken.None);

        var history = await fx.Engine.GetHistoryAsync(instance.Id, CancellationToken.None);
        var approval = history.Single(entry => entry.Action == "task.approve");
        var changes = AuditFormChanges.ByLine(history)[approval.Id];
        Assert.Multiple(() =>
        {
            Assert.That(changes.Select(pair => pair.Key), Is.EqualTo(new[] { "note" }));
            Assert.That(changes["note"]!["old"], Is.Null);
            Assert.That(changes["note"]!["new"]!.GetValue<string>(), Is.EqualTo("checked"));
        });
    }

    [Test]
    public async Task UnchangedForm_NoChangesStored()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(new FlowBuilder("calc")
            .Start().Script("same", "form.status = 'normal';").End().Chain("start", "same", "end"));

        var instance = await fx.StartAsync("calc", form: """{"status": "normal"}""");

        await fx.InstanceEndedWithAsync(instance.Id, "end");
        var history = await fx.Engine.GetHistoryAsync(instance.Id, CancellationToken.None);
        Assert.That(
            history.Where(entry => entry.Details?.ContainsKey(AuditFormChanges.DetailsKey) == true).Select(entry => entry.Action),
            Is.Empty);
    }

    [Test]
    public async Task IncidentAfterScript_ChangeOnIncidentLine()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(new FlowBuilder("stuck")
            .Start().Script("mark", "form.status = 'watch';").End()
            .Edge("start", "mark").Edge("mark", "end", when: "form.status == 'blocked'"));

        var instance = await fx.StartAsync("stuck", form: """{"status": "normal"}""");

        var history = await fx.Engine.GetHistoryAsync(instance.Id, CancellationToken.None);
        var raised = history.Single(entry => entry.Action == AuditActions.Incident);
        var change = raised.Details![AuditFormChanges.DetailsKey]?["status"];
        Assert.Multiple(() =>
        {
            Assert.That(raised.NodeId, Is.EqualTo("mark"));
            Assert.That(raised.Details!["kind"]!.GetValue<string>(), Is.EqualTo("routing"));
            Assert.That(change?["new"]?.GetValue<string>(), Is.EqualTo("watch"));
        });
    }

    [Test]
    public void ByLine_SnapshotsOnly_ComparesWithPrevious()
    {
        var history = new[]
        {
            Line(1, "alice", "instance.started", new JsonObject { ["qty"] = 1 }, null),
            Line(2, "system", AuditActions.NodeCompleted, null, null),
            Line(3, "bob", "task.approve", new JsonObject { ["qty"] = 2 }, null),
        };

        var byLine = AuditFormChanges.ByLine(history);

        Assert.Multiple(() =>
        {
            Assert.That(byLine.Keys, Is.EqualTo(new long[] { 3 }));
            Assert.That(byLine[3]["qty"]!["old"]!.GetValue<int>(), Is.EqualTo(1));
            Assert.That(byLine[3]["qty"]!["new"]!.GetValue<int>(), Is.EqualTo(2));
        });
    }

    [Test]
    public void ByLine_RemovedField_StaysOnStepLine()
    {
        var removal = new JsonObject { ["draft"] = new JsonObject { ["old"] = "x", ["new"] = null } };
        var history = new[]
        {
            Line(1, "alice", "instance.started", new JsonObject { ["draft"] = "x", ["qty"] = 1 }, null),
            Line(2, "system", AuditActions.NodeCompleted, null, new JsonObject { [AuditFormChanges.DetailsKey] = removal }),
            Line(3, "bob", "task.approve", new JsonObject { ["qty"] = 1 }, null),
        };

        var byLine = AuditFormChanges.ByLine(history);

        Assert.That(byLine.Keys, Is.EqualTo(new long[] { 2 }));
    }

    private static AuditEntry Line(long id, string actor, string action, JsonObject? snapshot, JsonObject? details) =>
        new(id, "instance-1", EngineFixture.StartTime, actor, action, "node", null, null, snapshot, details);
}
