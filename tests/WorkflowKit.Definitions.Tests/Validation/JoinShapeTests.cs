using System.Text;
using WorkflowKit.Definitions.Diagnostics;
using WorkflowKit.Definitions.Documents;
using WorkflowKit.Definitions.Validation;

namespace WorkflowKit.Definitions.Tests.Validation;

/// <summary>
/// Shapes that the documented join semantics accept must validate; the join check only rejects
/// branches that can reach the join without passing its split.
/// </summary>
public sealed class JoinShapeTests
{
    private const string Nodes = """
        {"id": "start", "type": "start"}, {"id": "split", "type": "parallelSplit"},
        {"id": "a", "type": "approval", "assignees": [{"type": "initiator"}]},
        {"id": "b", "type": "approval", "assignees": [{"type": "initiator"}]},
        {"id": "c", "type": "approval", "assignees": [{"type": "initiator"}]},
        {"id": "choose", "type": "condition"},
        {"id": "join", "type": "parallelJoin"}, {"id": "end", "type": "end"}
        """;

    [TestCase(
        "loop back inside a branch before the join",
        """{"id":"e3","from":"a","to":"choose"},{"id":"e4","from":"choose","to":"b","default":true},""" +
        """{"id":"e5","from":"choose","to":"a","condition":{"javaScript":"vars.rejected"}},{"id":"e6","from":"b","to":"join"},""" +
        """{"id":"e7","from":"c","to":"join"}""")]
    [TestCase(
        "exclusive choice inside the split region",
        """{"id":"e3","from":"a","to":"choose"},{"id":"e4","from":"choose","to":"b","default":true},""" +
        """{"id":"e5","from":"choose","to":"c","condition":{"javaScript":"vars.big"}},{"id":"e6","from":"b","to":"join"},""" +
        """{"id":"e7","from":"c","to":"join"}""")]
    [TestCase(
        "a branch that ends without reaching the join",
        """{"id":"e3","from":"a","to":"choose"},{"id":"e4","from":"choose","to":"end","default":true},""" +
        """{"id":"e5","from":"choose","to":"b","condition":{"javaScript":"vars.big"}},{"id":"e6","from":"b","to":"join"},""" +
        """{"id":"e7","from":"c","to":"join"}""")]
    public void Documented_join_shapes_validate(string shape, string edges)
    {
        var json = $$"""
            {"formatVersion": 1, "kind": "flow", "key": "shape", "name": "{{shape}}",
             "nodes": [{{Nodes}}],
             "edges": [{"id":"e1","from":"start","to":"split"},{"id":"e2","from":"split","to":"a"},
                       {"id":"e2b","from":"split","to":"c"},{{edges}},{"id":"e9","from":"join","to":"end"}]}
            """;

        var report = DefinitionValidator.Validate([JsonSourceReader.Read("shape.json", Encoding.UTF8.GetBytes(json))]);

        Assert.That(report.Diagnostics.Where(diagnostic => diagnostic.IsError), Is.Empty);
        Assert.That(report.Diagnostics.Select(diagnostic => diagnostic.Code),
            Does.Not.Contain(DiagnosticCodes.JoinCannotComplete));
    }
}
