using WorkflowKit.Definitions.Validation;

namespace WorkflowKit.Definitions.Tests.Validation;

/// <summary>
/// WK1336 to WK1338: the withdrawal path that <c>settings.onWithdraw</c> names exists, stays automatic and needs a
/// flow that allows withdrawing. A path that no edge from the start reaches is not reported as unreachable.
/// </summary>
public sealed class WithdrawalPathTests
{
    private const string GraphTemplate = """
        "nodes": [
          { "id": "start", "type": "start" },
          { "id": "approve", "type": "approval", "assignees": [{ "type": "initiatorManager" }] },
          { "id": "end", "type": "end" },
          { "id": "undo", "type": "condition" },
          { "id": "release", "type": "updateRecord", "form": "order",
            "match": { "any": [{ "all": [{ "field": "amount", "operator": "gt", "value": 0 }] }] },
            "values": { "note": "'withdrawn'" } },
          { "id": "NEXT", "type": "TYPE", "assignees": [{ "type": "initiatorManager" }] },
          { "id": "undone", "type": "end" }
        ],
        "edges": [
          { "id": "e1", "from": "start", "to": "approve" }, { "id": "e2", "from": "approve", "to": "end" },
          { "id": "e3", "from": "undo", "to": "release", "priority": 1, "condition": { "javaScript": "vars.done === true" } },
          { "id": "e4", "from": "undo", "to": "undone", "default": true },
          { "id": "e5", "from": "release", "to": "NEXT" }, { "id": "e6", "from": "NEXT", "to": "undone" }
        ],
        "variables": [{ "name": "done", "type": "boolean" }],
        """;

    [Test]
    public async Task Path_off_the_main_flow_is_clean()
    {
        var report = await ValidateAsync(Flow("script", "\"onWithdraw\": { \"node\": \"undo\" }"));

        Assert.That(report.Diagnostics.Select(diagnostic => diagnostic.ToString()), Is.Empty);
    }

    [Test]
    public async Task Without_path_its_nodes_are_unreachable()
    {
        var report = await ValidateAsync(Flow("script", "\"allowWithdraw\": true"));

        Assert.That(report.Diagnostics.Where(diagnostic => diagnostic.Code == "WK1307").Select(d => d.Pointer),
            Is.EqualTo(new[] { "/nodes/3", "/nodes/4", "/nodes/5", "/nodes/6" }));
    }

    [TestCase("fillIn")]
    [TestCase("approval")]
    [TestCase("timer")]
    [TestCase("subFlow")]
    [TestCase("http")]
    [TestCase("parallelSplit")]
    public async Task Waiting_node_on_path_is_reported(string type)
    {
        var report = await ValidateAsync(Flow(type, "\"onWithdraw\": { \"node\": \"undo\" }"));

        var found = report.Diagnostics.Where(diagnostic => diagnostic.Code == "WK1337").ToList();
        Assert.That(found.Select(diagnostic => diagnostic.Pointer), Is.EqualTo(new[] { "/nodes/5/type" }));
        Assert.That(found[0].Message, Is.EqualTo(
            $"Node \"next\" ({type}) is on the withdrawal path that starts at \"undo\" (settings.onWithdraw), but the " +
            "path runs inside the withdrawal and cannot wait for a person, a timer, a call or a sub-flow. Use only " +
            "condition, script, createRecord, updateRecord, notification and end nodes after it, or start the path " +
            "at another node."));
    }

    [Test]
    public async Task Unknown_start_node_is_reported()
    {
        var report = await ValidateAsync(Flow("script", "\"onWithdraw\": { \"node\": \"udno\" }"));

        var found = report.Diagnostics.Single(diagnostic => diagnostic.Code == "WK1336");
        Assert.That(found.Pointer, Is.EqualTo("/settings/onWithdraw/node"));
        Assert.That(found.Message, Is.EqualTo(
            "settings.onWithdraw.node is \"udno\", which is not the id of a node of this flow. Set it to the id of " +
            "the condition, script or record node where a withdrawal continues."));
    }

    [Test]
    public async Task Path_without_withdraw_is_reported()
    {
        var report = await ValidateAsync(Flow(
            "script", "\"allowWithdraw\": false, \"onWithdraw\": { \"node\": \"undo\" }"));

        var found = report.Diagnostics.Single(diagnostic => diagnostic.Code == "WK1338");
        Assert.That(found.Pointer, Is.EqualTo("/settings/onWithdraw"));
        Assert.That(found.Message, Is.EqualTo(
            "settings.onWithdraw names the path a withdrawal takes, but settings.allowWithdraw is false, so no " +
            "instance can be withdrawn. Remove \"allowWithdraw\": false or remove onWithdraw."));
    }

    private static string Flow(string nextType, string settings)
    {
        var next = nextType switch
        {
            "fillIn" or "approval" => "",
            "timer" => "\"duration\": \"PT1H\", ",
            "subFlow" => "\"flow\": \"other\", ",
            "http" => "\"url\": \"http://127.0.0.1:9/none\", ",
            "script" => "\"script\": \"vars.done = false;\", ",
            _ => "",
        };
        var body = GraphTemplate.Replace("\"NEXT\"", "\"next\"", StringComparison.Ordinal)
            .Replace("\"type\": \"TYPE\", \"assignees\": [{ \"type\": \"initiatorManager\" }]",
                "\"type\": \"" + nextType + "\", " + next + (nextType is "fillIn" or "approval"
                    ? "\"assignees\": [{ \"type\": \"initiatorManager\" }]"
                    : "\"name\": \"Next\""),
                StringComparison.Ordinal);
        return "{ \"formatVersion\": 1, \"kind\": \"flow\", \"key\": \"withdrawing\", \"name\": \"Withdrawing\", " +
               "\"form\": \"order\", " + body + " \"settings\": { " + settings + " } }";
    }

    private static async Task<ValidationReport> ValidateAsync(string flow)
    {
        var folder = Directory.CreateTempSubdirectory("wk-withdrawal-").FullName;
        try
        {
            var file = Path.Combine(folder, "withdrawing.json");
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
