using System.Text;
using WorkflowKit.Definitions.Diagnostics;
using WorkflowKit.Definitions.Documents;
using WorkflowKit.Definitions.Validation;

namespace WorkflowKit.Definitions.Tests.Validation;

/// <summary>
/// Reachability diagnostics that follow from another diagnostic name it as their cause and are listed right after
/// it, so that the one thing to fix comes first.
/// </summary>
public sealed class DiagnosticCauseTests
{
    private string _folder = string.Empty;

    [SetUp]
    public void CreateFolder() =>
        _folder = Directory.CreateTempSubdirectory("wk-cause-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    [Test]
    public async Task Edge_to_missing_node_comes_first()
    {
        CopyFolder(Path.Combine(TestPaths.RepositoryRoot, "definitions", "templates", "biopharma"), _folder);
        var flowFile = Path.Combine(_folder, "flows", "customer-credit-review.flow.json");
        var json = await File.ReadAllTextAsync(flowFile);
        await File.WriteAllTextAsync(flowFile, json.Replace(
            """{ "id": "e-start", "from": "start", "to": "mode" }""",
            """{ "id": "e-start", "from": "start", "to": "nowhere" }""", StringComparison.Ordinal));

        var report = await DefinitionValidator.ValidatePackageAsync(_folder, CancellationToken.None);
        var flowDiagnostics = report.Diagnostics.Where(diagnostic => diagnostic.File == flowFile).ToList();
        var first = flowDiagnostics[0];
        var cause = new DiagnosticCause(first.Code, first.Pointer);
        var consequences = flowDiagnostics.Skip(1).TakeWhile(diagnostic => diagnostic.Cause == cause).ToList();

        Assert.That(first.Code, Is.EqualTo(DiagnosticCodes.EdgeToMissingNode));
        Assert.That(first.Message, Does.Contain("\"e-start\" leads to node \"nowhere\""));
        Assert.That(first.Cause, Is.Null);
        Assert.That(first.Arguments, Is.EqualTo(new Dictionary<string, string>
        {
            ["edge"] = "e-start", ["end"] = "to", ["node"] = "nowhere",
        }));
        Assert.That(consequences.Count(diagnostic => diagnostic.Code == DiagnosticCodes.UnreachableNode),
            Is.EqualTo(24));
        Assert.That(consequences.Where(diagnostic => diagnostic.Code == DiagnosticCodes.NoPathToEnd)
            .Select(diagnostic => diagnostic.Arguments["node"]), Is.EqualTo(new[] { "start" }));
        Assert.That(flowDiagnostics.Skip(1 + consequences.Count), Is.Empty, "nothing else is wrong with the flow");
    }

    [Test]
    public void Consequence_line_names_its_cause()
    {
        var report = Validate(
            """
            {"id": "start", "type": "start"}, {"id": "a", "type": "approval", "assignees": [{"type": "initiator"}]},
            {"id": "end", "type": "end"}
            """,
            """{"id": "e1", "from": "start", "to": "missing"}, {"id": "e2", "from": "a", "to": "end"}""");

        var lines = report.Diagnostics.Select(diagnostic => diagnostic.ToString()).ToList();

        Assert.That(lines, Has.Count.EqualTo(4), string.Join("\n", lines));
        Assert.That(lines[0], Does.StartWith("flow.json:6:34: error WK1304 /edges/0/to: Edge \"e1\" leads to node \"missing\""));
        Assert.That(lines[0], Does.Not.Contain("follows from"));
        Assert.That(lines[1], Does.Contain("error WK1308 /nodes/0: No path leads from node \"start\""));
        Assert.That(lines[1], Does.EndWith(" (follows from WK1304 /edges/0/to)"));
        Assert.That(lines[2], Does.Contain("error WK1307 /nodes/1: Node \"a\" cannot be reached"));
        Assert.That(lines[2], Does.EndWith(" (follows from WK1304 /edges/0/to)"));
        Assert.That(lines[3], Does.Contain("error WK1307 /nodes/2: Node \"end\" cannot be reached"));
        Assert.That(lines[3], Does.EndWith(" (follows from WK1304 /edges/0/to)"));
    }

    [Test]
    public void Removed_node_splits_flow_in_two()
    {
        // Node "b" was deleted with its edges: "a" is now a dead end and "c" an entry that no edge enters.
        var report = Validate(
            """
            {"id": "start", "type": "start"}, {"id": "a", "type": "approval", "assignees": [{"type": "initiator"}]},
            {"id": "c", "type": "approval", "assignees": [{"type": "initiator"}]},
            {"id": "d", "type": "approval", "assignees": [{"type": "initiator"}]}, {"id": "end", "type": "end"}
            """,
            """
            {"id": "e1", "from": "start", "to": "a"}, {"id": "e3", "from": "c", "to": "d"},
            {"id": "e4", "from": "d", "to": "end"}
            """);

        var found = report.Diagnostics.Select(d => (d.Code, d.Pointer, Cause: d.Cause?.Pointer)).ToList();

        Assert.That(found, Is.EqualTo(new[]
        {
            (DiagnosticCodes.NoPathToEnd, "/nodes/1", (string?)null),
            (DiagnosticCodes.NoPathToEnd, "/nodes/0", "/nodes/1"),
            (DiagnosticCodes.UnreachableNode, "/nodes/2", null),
            (DiagnosticCodes.UnreachableNode, "/nodes/3", "/nodes/2"),
            (DiagnosticCodes.UnreachableNode, "/nodes/4", "/nodes/2"),
        }));
    }

    [Test]
    public void Two_entries_are_not_blamed_on_one_edge()
    {
        // The broken edge may have been meant for "a" or for "b", so neither follows from it.
        var report = Validate(
            """
            {"id": "start", "type": "start"}, {"id": "a", "type": "approval", "assignees": [{"type": "initiator"}]},
            {"id": "b", "type": "approval", "assignees": [{"type": "initiator"}]}, {"id": "end", "type": "end"}
            """,
            """
            {"id": "e1", "from": "start", "to": "missing"}, {"id": "e2", "from": "a", "to": "end"},
            {"id": "e3", "from": "b", "to": "end"}
            """);

        var unreachable = report.Diagnostics.Where(d => d.Code == DiagnosticCodes.UnreachableNode)
            .ToDictionary(d => d.Arguments["node"]);

        Assert.That(unreachable.Keys, Is.EquivalentTo(new[] { "a", "b", "end" }));
        Assert.That(unreachable["a"].Cause, Is.Null);
        Assert.That(unreachable["b"].Cause, Is.Null);
        Assert.That(unreachable["end"].Cause,
            Is.EqualTo(new DiagnosticCause(DiagnosticCodes.UnreachableNode, "/nodes/1")));
    }

    [Test]
    public void Edge_from_missing_node_causes_its_target()
    {
        var report = Validate(
            """
            {"id": "start", "type": "start"}, {"id": "a", "type": "approval", "assignees": [{"type": "initiator"}]},
            {"id": "b", "type": "approval", "assignees": [{"type": "initiator"}]}, {"id": "end", "type": "end"}
            """,
            """
            {"id": "e1", "from": "start", "to": "end"}, {"id": "e2", "from": "gone", "to": "a"},
            {"id": "e3", "from": "a", "to": "b"}, {"id": "e4", "from": "b", "to": "end"}
            """);

        var unreachable = report.Diagnostics.Where(d => d.Code == DiagnosticCodes.UnreachableNode).ToList();

        Assert.That(unreachable.Select(d => d.Cause),
            Is.All.EqualTo(new DiagnosticCause(DiagnosticCodes.EdgeToMissingNode, "/edges/1/from")));
        Assert.That(unreachable.Select(d => d.Arguments["node"]), Is.EqualTo(new[] { "a", "b" }));
    }

    [Test]
    public void Missing_end_causes_every_dead_path()
    {
        var report = Validate(
            """{"id": "start", "type": "start"}, {"id": "a", "type": "approval", "assignees": [{"type": "initiator"}]}""",
            """{"id": "e1", "from": "start", "to": "a"}""");

        var codes = report.Diagnostics.Select(d => (d.Code, d.Cause?.Code)).ToList();

        Assert.That(codes, Is.EqualTo(new[]
        {
            (DiagnosticCodes.NoEndNode, (string?)null),
            (DiagnosticCodes.NoPathToEnd, DiagnosticCodes.NoEndNode),
            (DiagnosticCodes.NoPathToEnd, DiagnosticCodes.NoEndNode),
        }));
    }

    [Test]
    public void Cause_moves_before_earlier_consequences()
    {
        var cause = new Diagnostic("WK1304", DiagnosticSeverity.Error, "f.json", "/edges/0/to", "cause") { Line = 30 };
        var other = new Diagnostic("WK1317", DiagnosticSeverity.Error, "f.json", "/nodes/2", "other") { Line = 20 };
        var consequence = new Diagnostic("WK1307", DiagnosticSeverity.Error, "f.json", "/nodes/1", "after")
        {
            Line = 10,
            Cause = new DiagnosticCause("WK1304", "/edges/0/to"),
        };
        var orphan = new Diagnostic("WK1307", DiagnosticSeverity.Error, "g.json", "/nodes/1", "elsewhere")
        {
            Line = 5,
            Cause = new DiagnosticCause("WK1304", "/edges/0/to"),
        };

        var ordered = DiagnosticOrder.CausesFirst([consequence, orphan, cause, other, cause]);

        Assert.That(ordered, Is.EqualTo(new[] { other, cause, consequence, orphan }));
    }

    private static ValidationReport Validate(string nodes, string edges)
    {
        var json = $$"""
            {"formatVersion": 1, "kind": "flow", "key": "cut", "name": "Cut",
             "nodes": [
               {{nodes}}],
             "edges": [
               {{edges}}]}
            """;
        return DefinitionValidator.Validate([JsonSourceReader.Read("flow.json", Encoding.UTF8.GetBytes(json))]);
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
