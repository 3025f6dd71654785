using WorkflowKit.Definitions.Validation;

namespace WorkflowKit.Definitions.Tests.Validation;

/// <summary>
/// WK1346 and WK1347: the cancellation path that <c>settings.onCancel</c> names exists and stays automatic. A path
/// that no edge from the start reaches is not reported as unreachable.
/// </summary>
public sealed class CancellationPathTests
{
    [Test]
    public async Task Path_off_the_main_flow_is_clean()
    {
        var report = await ValidateAsync(Flow("script", "undo"));

        Assert.That(report.Diagnostics.Select(diagnostic => diagnostic.ToString()), Is.Empty);
    }

    [TestCase("approval")]
    [TestCase("timer")]
    public async Task Waiting_node_on_path_is_reported(string type)
    {
        var report = await ValidateAsync(Flow(type, "undo"));

        var found = report.Diagnostics.Single();
        Assert.That(found.Code, Is.EqualTo("WK1347"));
        Assert.That(found.Pointer, Is.EqualTo("/nodes/4/type"));
        Assert.That(found.Message, Is.EqualTo(
            $"Node \"next\" ({type}) is on the cancellation path that starts at \"undo\" (settings.onCancel), but the " +
            "path runs inside the cancel and cannot wait for a person, a timer, a call or a sub-flow. Use only " +
            "condition, script, createRecord, updateRecord, notification and end nodes after it, or start the path " +
            "at another node."));
    }

    [Test]
    public async Task Unknown_node_is_reported()
    {
        var report = await ValidateAsync(Flow("script", "udno"));

        var found = report.Diagnostics.Single(diagnostic => diagnostic.Code == "WK1346");
        Assert.That(found.Pointer, Is.EqualTo("/settings/onCancel/node"));
        Assert.That(found.Message, Is.EqualTo(
            "settings.onCancel.node is \"udno\", which is not the id of a node of this flow. Set it to the id of the " +
            "condition, script or record node where a cancel continues."));
    }

    private static string Flow(string nextType, string pathStart)
    {
        var next = nextType switch
        {
            "approval" => "\"assignees\": [{ \"type\": \"initiatorManager\" }]",
            "timer" => "\"duration\": \"PT1H\"",
            _ => "\"script\": \"vars.done = false;\"",
        };
        return $$"""
            { "formatVersion": 1, "kind": "flow", "key": "cancelling", "name": "Cancelling", "form": "order",
              "nodes": [
                { "id": "start", "type": "start" },
                { "id": "approve", "type": "approval", "assignees": [{ "type": "initiatorManager" }] },
                { "id": "end", "type": "end" },
                { "id": "undo", "type": "script", "script": "vars.done = true;" },
                { "id": "next", "type": "{{nextType}}", {{next}} },
                { "id": "undone", "type": "end" }
              ],
              "edges": [
                { "id": "e1", "from": "start", "to": "approve" }, { "id": "e2", "from": "approve", "to": "end" },
                { "id": "e3", "from": "undo", "to": "next" }, { "id": "e4", "from": "next", "to": "undone" }
              ],
              "variables": [{ "name": "done", "type": "boolean" }],
              "settings": { "onCancel": { "node": "{{pathStart}}" } } }
            """;
    }

    private static async Task<ValidationReport> ValidateAsync(string flow)
    {
        var folder = Directory.CreateTempSubdirectory("wk-cancelling-").FullName;
        try
        {
            var file = Path.Combine(folder, "cancelling.json");
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
