using System.Text.Json.Nodes;
using WorkflowKit.Designer.Services.Engine;
using WorkflowKit.Expressions;
using WorkflowKit.Runtime.Expressions;

namespace WorkflowKit.Designer.Tests.Flows;

/// <summary>The designer's test run evaluates branch conditions with the draft's parameters as <c>params</c>.</summary>
public sealed class FlowTestRunnerTests
{
    private const string Flow = """
        {
          "formatVersion": 1, "kind": "flow", "key": "limits", "name": "Limits",
          "parameters": [{ "id": "limit", "type": "number", "value": LIMIT }],
          "nodes": [
            { "id": "start", "type": "start" }, { "id": "check", "type": "condition" },
            { "id": "high", "type": "end" }, { "id": "low", "type": "end" }
          ],
          "edges": [
            { "id": "e1", "from": "start", "to": "check" },
            { "id": "e2", "from": "check", "to": "high", "priority": 1,
              "condition": { "any": [{ "all": [{ "field": "share", "operator": "gt", "valueField": "params.limit" }] }] } },
            { "id": "e3", "from": "check", "to": "low", "default": true }
          ]
        }
        """;

    [TestCase(80, "high")]
    [TestCase(90, "low")]
    public void Test_run_reads_draft_parameters(int limit, string end)
    {
        var runner = new FlowTestRunner(new ScriptHostFlowExpressions(new ScriptHost()));

        var result = runner.Run(
            Flow.Replace("LIMIT", limit.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal),
            new JsonObject { ["share"] = 85 }, CancellationToken.None);

        Assert.That(result.Completed, Is.True);
        Assert.That(result.VisitedNodes[^1], Is.EqualTo(end));
    }
}
