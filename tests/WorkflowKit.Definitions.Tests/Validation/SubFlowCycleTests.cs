using System.Text;
using WorkflowKit.Definitions.Diagnostics;
using WorkflowKit.Definitions.Documents;
using WorkflowKit.Definitions.Validation;

namespace WorkflowKit.Definitions.Tests.Validation;

/// <summary>
/// A sub-flow node whose flow starts the validated flow again gets warning WK1343 at the node's "flow", naming the
/// node and the chain of flow keys.
/// </summary>
public sealed class SubFlowCycleTests
{
    [Test]
    public void Flow_starting_itself_is_warned()
    {
        var report = Validate(Flow("again", "again"));

        var warning = report.Diagnostics.Single(diagnostic => diagnostic.Code == DiagnosticCodes.SubFlowCycle);
        Assert.That(warning.IsError, Is.False);
        Assert.That(warning.File, Is.EqualTo("again.json"));
        Assert.That(warning.Pointer, Is.EqualTo("/nodes/1/flow"));
        Assert.That(warning.Arguments["node"], Is.EqualTo("sub"));
        Assert.That(warning.Arguments["cycle"], Is.EqualTo("again → again"));
        Assert.That(warning.Message, Does.StartWith(
            "Sub-flow node \"sub\" starts flow \"again\", which is this flow itself: again → again."));
    }

    [Test]
    public void Cycle_through_other_flows_warns_each()
    {
        var report = Validate(Flow("review", "followup"), Flow("followup", "escalation"), Flow("escalation", "review"));

        var warnings = report.Diagnostics.Where(diagnostic => diagnostic.Code == DiagnosticCodes.SubFlowCycle)
            .ToDictionary(diagnostic => diagnostic.File, diagnostic => diagnostic.Arguments["cycle"]);
        Assert.That(warnings, Has.Count.EqualTo(3));
        Assert.That(warnings["review.json"], Is.EqualTo("review → followup → escalation → review"));
        Assert.That(warnings["followup.json"], Is.EqualTo("followup → escalation → review → followup"));
        Assert.That(report.Diagnostics.Where(diagnostic => diagnostic.IsError), Is.Empty);
    }

    [Test]
    public void Chain_without_cycle_is_not_warned()
    {
        var report = Validate(Flow("review", "followup"), Flow("followup", "escalation"), Flow("escalation", null));

        Assert.That(report.Diagnostics.Select(diagnostic => diagnostic.Code),
            Does.Not.Contain(DiagnosticCodes.SubFlowCycle));
    }

    [Test]
    public void Cycle_elsewhere_warns_only_its_flows()
    {
        // "review" starts "followup", which loops with "escalation" but never starts "review" again.
        var report = Validate(Flow("review", "followup"), Flow("followup", "escalation"), Flow("escalation", "followup"));

        var files = report.Diagnostics.Where(diagnostic => diagnostic.Code == DiagnosticCodes.SubFlowCycle)
            .Select(diagnostic => diagnostic.File);
        Assert.That(files, Is.EquivalentTo(new[] { "followup.json", "escalation.json" }));
    }

    private static ValidationReport Validate(params (string Key, string Json)[] flows) =>
        DefinitionValidator.Validate([.. flows.Select(flow =>
            JsonSourceReader.Read(flow.Key + ".json", Encoding.UTF8.GetBytes(flow.Json)))]);

    /// <summary>Returns a flow that starts <paramref name="subFlow"/> in node "sub", or an approval when it is null.</summary>
    private static (string Key, string Json) Flow(string key, string? subFlow)
    {
        var step = subFlow is null
            ? """{"id": "sub", "type": "approval", "assignees": [{"type": "initiator"}]}"""
            : $$"""{"id": "sub", "type": "subFlow", "flow": "{{subFlow}}"}""";
        return (key, $$"""
            {"formatVersion": 1, "kind": "flow", "key": "{{key}}", "name": "{{key}}",
             "nodes": [{"id": "start", "type": "start"}, {{step}}, {"id": "end", "type": "end"}],
             "edges": [{"id": "e1", "from": "start", "to": "sub"}, {"id": "e2", "from": "sub", "to": "end"}]}
            """);
    }
}
