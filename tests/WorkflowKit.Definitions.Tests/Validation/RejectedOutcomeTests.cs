using WorkflowKit.Definitions.Diagnostics;
using WorkflowKit.Definitions.Validation;

namespace WorkflowKit.Definitions.Tests.Validation;

/// <summary>
/// WK1348: a condition after an approval node tests for its rejection, but the approval node has no edge with a
/// condition, so a rejection ends the instance there and the test is never true.
/// </summary>
public sealed class RejectedOutcomeTests
{
    private const string RuleRejected =
        """{ "any": [{ "all": [{ "field": "nodes.review.outcome", "operator": "eq", "value": "rejected" }] }] }""";

    private const string ScriptRejected = """{ "javaScript": "nodes.review.outcome === \"rejected\"" }""";

    private const string ListRejected =
        """{ "any": [{ "all": [{ "field": "nodes.review.outcome", "operator": "in", "value": ["rejected", "returned"] }] }] }""";

    private const string RuleApproved =
        """{ "any": [{ "all": [{ "field": "nodes.review.outcome", "operator": "eq", "value": "approved" }] }] }""";

    [TestCase(RuleRejected, "/edges/3/condition/any/0/all/0")]
    [TestCase(ListRejected, "/edges/3/condition/any/0/all/0")]
    [TestCase(ScriptRejected, "/edges/3/condition/javaScript")]
    public async Task Condition_after_single_edge_approval_warns(string condition, string pointer)
    {
        var report = await ValidateAsync(Flow(condition, reviewBranches: false));

        var found = report.Diagnostics.Single();
        Assert.Multiple(() =>
        {
            Assert.That(found.Code, Is.EqualTo(DiagnosticCodes.RejectedOutcomeNeverSeen));
            Assert.That(found.Severity, Is.EqualTo(DiagnosticSeverity.Warning));
            Assert.That(found.Pointer, Is.EqualTo(pointer));
            Assert.That(found.Message, Is.EqualTo(
                "Edge \"e-no\" tests whether approval node \"review\" was rejected, but a rejection at \"review\" " +
                "ends the instance because none of its outgoing edges has a condition, so this test is never true. " +
                "To branch on a rejection, give the approval node an outgoing edge with the condition " +
                "nodes.review.outcome === 'rejected' and keep the usual edge as its default."));
        });
    }

    [Test]
    public async Task Approval_with_conditional_edge_is_clean()
    {
        var report = await ValidateAsync(Flow(RuleRejected, reviewBranches: true));

        Assert.That(report.Diagnostics.Select(diagnostic => diagnostic.ToString()), Is.Empty);
    }

    [Test]
    public async Task Test_for_approval_is_clean()
    {
        var report = await ValidateAsync(Flow(RuleApproved, reviewBranches: false));

        Assert.That(report.Diagnostics.Select(diagnostic => diagnostic.ToString()), Is.Empty);
    }

    /// <summary>
    /// start → review (approval) → decided (condition) → noNote or okNote. With <paramref name="reviewBranches"/>, the
    /// approval node also has its own edge for a large amount, so a rejection can leave it.
    /// </summary>
    private static string Flow(string condition, bool reviewBranches)
    {
        var branch = reviewBranches
            ? """, { "id": "e-large", "from": "review", "to": "decided", "priority": 1, "condition": { "any": [{ "all": [{ "field": "amount", "operator": "gt", "value": 100000 }] }] } }"""
            : string.Empty;
        var reviewEdge = reviewBranches
            ? """{ "id": "e-review", "from": "review", "to": "decided", "default": true }"""
            : """{ "id": "e-review", "from": "review", "to": "decided" }""";
        return $$"""
            { "formatVersion": 1, "kind": "flow", "key": "rejection", "name": "Rejection", "form": "order",
              "nodes": [
                { "id": "start", "type": "start" },
                { "id": "review", "type": "approval", "assignees": [{ "type": "initiatorManager" }] },
                { "id": "decided", "type": "condition" },
                { "id": "noNote", "type": "end" },
                { "id": "okNote", "type": "end" }
              ],
              "edges": [
                { "id": "e-start", "from": "start", "to": "review" },
                {{reviewEdge}},
                { "id": "e-ok", "from": "decided", "to": "okNote", "default": true },
                { "id": "e-no", "from": "decided", "to": "noNote", "priority": 1, "condition": {{condition}} }{{branch}}
              ] }
            """;
    }

    private static async Task<ValidationReport> ValidateAsync(string flow)
    {
        var folder = Directory.CreateTempSubdirectory("wk-rejection-").FullName;
        try
        {
            var file = Path.Combine(folder, "rejection.json");
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
