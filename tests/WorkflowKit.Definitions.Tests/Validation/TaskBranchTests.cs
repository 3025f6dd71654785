using WorkflowKit.Definitions.Validation;

namespace WorkflowKit.Definitions.Tests.Validation;

/// <summary>
/// Approval and fill-in nodes branch by conditions on their outgoing edges, checked when the task is completed: each
/// edge needs a condition except exactly one default (WK1309, WK1310, WK1321). Other nodes that are not condition nodes
/// or parallel splits still may not branch (WK1322).
/// </summary>
public sealed class TaskBranchTests
{
    private const string Rejected = """{ "javaScript": "nodes.review.outcome === 'rejected'" }""";

    private const string LargeAmount =
        """{ "any": [{ "all": [{ "field": "amount", "operator": "gt", "value": 100000 }] }] }""";

    private const string OutcomeRule =
        """{ "any": [{ "all": [{ "field": "nodes.review.outcome", "operator": "eq", "value": "rejected" }] }] }""";

    [TestCase("approval", Rejected)]
    [TestCase("approval", OutcomeRule)]
    [TestCase("fillIn", LargeAmount)]
    public async Task Default_and_condition_are_clean(string type, string condition)
    {
        var report = await ValidateAsync(Flow(type, $"\"default\": true", $"\"condition\": {condition}"));

        Assert.That(report.Diagnostics.Select(diagnostic => diagnostic.ToString()), Is.Empty);
    }

    [TestCase("approval")]
    [TestCase("fillIn")]
    public async Task Two_conditions_without_default(string type)
    {
        var report = await ValidateAsync(Flow(
            type, "\"condition\": " + LargeAmount, "\"condition\": " + Rejected));

        var found = report.Diagnostics.Single();
        Assert.That(found.Code, Is.EqualTo("WK1309"));
        Assert.That(found.Pointer, Is.EqualTo("/nodes/1"));
        Assert.That(found.Message, Is.EqualTo(
            $"{type} node \"review\" has 2 outgoing edges (e-done, e-rework) and none is the default, so a completed " +
            "task that meets no condition would stop the instance. Mark the edge for the usual outcome with " +
            "\"default\": true; it is taken when the task completes and no other edge's condition holds."));
    }

    [Test]
    public async Task Edge_without_condition_is_reported()
    {
        var report = await ValidateAsync(Flow("approval", "\"default\": true", "\"label\": \"Rework\""));

        var found = report.Diagnostics.Single();
        Assert.That(found.Code, Is.EqualTo("WK1321"));
        Assert.That(found.Pointer, Is.EqualTo("/edges/2"));
        Assert.That(found.Message, Is.EqualTo(
            "Edge \"e-rework\" leaves approval node \"review\" without a condition and is not the default. Add a " +
            "condition over the task's outcome or the form, such as nodes.review.outcome === 'rejected', or mark it " +
            "\"default\": true."));
    }

    [Test]
    public async Task Two_defaults_are_reported()
    {
        var report = await ValidateAsync(Flow("fillIn", "\"default\": true", "\"default\": true"));

        var found = report.Diagnostics.Single();
        Assert.That(found.Code, Is.EqualTo("WK1310"));
        Assert.That(found.Pointer, Is.EqualTo("/edges/2/default"));
    }

    [Test]
    public async Task Script_node_still_cannot_branch()
    {
        var report = await ValidateAsync(Flow("script", "\"default\": true", "\"condition\": " + Rejected));

        Assert.That(report.Diagnostics.Select(diagnostic => diagnostic.Code), Is.EqualTo(new[] { "WK1322" }));
    }

    private static string Flow(string type, string done, string rework)
    {
        var review = type switch
        {
            "script" => "\"script\": \"vars.x = 1;\"",
            _ => "\"assignees\": [{ \"type\": \"initiatorManager\" }]",
        };
        return $$"""
            { "formatVersion": 1, "kind": "flow", "key": "branching", "name": "Branching", "form": "order",
              "nodes": [
                { "id": "start", "type": "start" },
                { "id": "review", "type": "{{type}}", {{review}} },
                { "id": "done", "type": "end" },
                { "id": "rework", "type": "end" }
              ],
              "edges": [
                { "id": "e-start", "from": "start", "to": "review" },
                { "id": "e-done", "from": "review", "to": "done", {{done}} },
                { "id": "e-rework", "from": "review", "to": "rework", "priority": 1, {{rework}} }
              ] }
            """;
    }

    private static async Task<ValidationReport> ValidateAsync(string flow)
    {
        var folder = Directory.CreateTempSubdirectory("wk-branching-").FullName;
        try
        {
            var file = Path.Combine(folder, "branching.json");
            await File.WriteAllTextAsync(file, flow);
            var form = Path.Combine(TestPaths.BrokenFolder, "_support", "order-form.json");
            return await DefinitionValidator.ValidatePathsAsync([file, form], CancellationToken.None);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
