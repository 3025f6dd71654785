using WorkflowKit.Definitions.Diagnostics;
using WorkflowKit.Definitions.Validation;

namespace WorkflowKit.Definitions.Tests.Validation;

/// <summary>
/// WK1349: an edge condition compares a task node's outcome with a value the engine never stores there, such as the
/// portal's word 驳回 in place of "rejected".
/// </summary>
public sealed class OutcomeValueTests
{
    private static string Rule(string op, string value) =>
        $$"""{ "any": [{ "all": [{ "field": "nodes.review.outcome", "operator": "{{op}}", "value": {{value}} }] }] }""";

    [TestCase("eq", "\"驳回\"", "驳回")]
    [TestCase("ne", "\"Rejected\"", "Rejected")]
    [TestCase("in", "[\"rejected\", \"驳回\"]", "驳回")]
    [TestCase("eq", "1", "1")]
    public async Task Rule_with_unknown_outcome_is_an_error(string op, string value, string named)
    {
        var report = await ValidateAsync(Flow("approval", Rule(op, value)));

        var found = report.Diagnostics.Single();
        Assert.That(found.Code, Is.EqualTo(DiagnosticCodes.OutcomeValueUnknown));
        Assert.That(found.Severity, Is.EqualTo(DiagnosticSeverity.Error));
        Assert.That(found.Pointer, Is.EqualTo("/edges/2/condition/any/0/all/0"));
        Assert.That(found.Message, Is.EqualTo(
            $"Edge \"e-no\" compares the outcome of approval node \"review\" with \"{named}\", which the engine " +
            "never stores there, so the comparison never holds. Use one of: approved, rejected, returned."));
        Assert.That(found.Arguments["value"], Is.EqualTo(named));
    }

    [TestCase("nodes.review.outcome === '驳回'", "驳回")]
    [TestCase("form.amount > 5 && nodes.review.outcome != \"reject\"", "reject")]
    [TestCase("'批准' == nodes.review.outcome", "批准")]
    public async Task Script_with_unknown_outcome_is_an_error(string script, string named)
    {
        var condition = $$"""{ "javaScript": {{System.Text.Json.JsonSerializer.Serialize(script)}} }""";

        var report = await ValidateAsync(Flow("approval", condition));

        var found = report.Diagnostics.Single();
        Assert.That(found.Code, Is.EqualTo(DiagnosticCodes.OutcomeValueUnknown));
        Assert.That(found.Pointer, Is.EqualTo("/edges/2/condition/javaScript"));
        Assert.That(found.Arguments["value"], Is.EqualTo(named));
    }

    [TestCase("approval", "\"rejected\"")]
    [TestCase("approval", "\"approved\"")]
    [TestCase("approval", "\"returned\"")]
    [TestCase("fillIn", "\"submitted\"")]
    public async Task Known_outcome_is_clean(string type, string value)
    {
        var report = await ValidateAsync(Flow(type, Rule("eq", value)));

        Assert.That(report.Diagnostics.Select(diagnostic => diagnostic.ToString()), Is.Empty);
    }

    [Test]
    public async Task FillIn_is_never_approved()
    {
        var report = await ValidateAsync(Flow("fillIn", Rule("eq", "\"approved\"")));

        var found = report.Diagnostics.Single();
        Assert.That(found.Code, Is.EqualTo(DiagnosticCodes.OutcomeValueUnknown));
        Assert.That(found.Arguments["allowed"], Is.EqualTo("submitted, rejected, returned"));
    }

    [Test]
    public async Task FillIn_may_be_rejected()
    {
        var flow = Flow("fillIn", Rule("eq", "\"rejected\""), actions: """, "actions": ["submit", "reject"]""");

        var report = await ValidateAsync(flow);

        Assert.That(report.Diagnostics.Select(diagnostic => diagnostic.ToString()), Is.Empty);
    }

    /// <summary>start → review (a task node of <paramref name="type"/>) → okNote by default, or noNote.</summary>
    private static string Flow(string type, string condition, string actions = "") => $$"""
        { "formatVersion": 1, "kind": "flow", "key": "outcome", "name": "Outcome", "form": "order",
          "nodes": [
            { "id": "start", "type": "start" },
            { "id": "review", "type": "{{type}}", "assignees": [{ "type": "initiatorManager" }]{{actions}} },
            { "id": "noNote", "type": "end" },
            { "id": "okNote", "type": "end" }
          ],
          "edges": [
            { "id": "e-start", "from": "start", "to": "review" },
            { "id": "e-ok", "from": "review", "to": "okNote", "default": true },
            { "id": "e-no", "from": "review", "to": "noNote", "priority": 1, "condition": {{condition}} }
          ] }
        """;

    private static async Task<ValidationReport> ValidateAsync(string flow)
    {
        var folder = Directory.CreateTempSubdirectory("wk-outcome-").FullName;
        try
        {
            var file = Path.Combine(folder, "outcome.json");
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
