using WorkflowKit.Definitions.Diagnostics;
using WorkflowKit.Definitions.Validation;

namespace WorkflowKit.Definitions.Tests.Validation;

/// <summary>WK1331: message placeholders that the engine cannot fill.</summary>
public sealed class PlaceholderWarningTests
{
    [TestCase("{{form.amount}} for {{vars.score}}", null, null)]
    [TestCase("{{form.amout}}", "/nodes/1/message", "Placeholder \"{{form.amout}}\" names field \"amout\", which the form does not have; it is sent as written. Correct the name or declare the variable.")]
    [TestCase("{{vars.scor}}", "/nodes/1/message", "Placeholder \"{{vars.scor}}\" names variable \"scor\", which the flow does not declare; it is sent as written. Correct the name or declare the variable.")]
    [TestCase("{{customer}}", "/nodes/1/message", "Placeholder \"{{customer}}\" is not a {{form.FIELD}} or {{vars.NAME}} placeholder; it is sent as written. Correct the name or declare the variable.")]
    public async Task Message_Placeholder_Warns(string message, string? pointer, string? expected)
    {
        var folder = Directory.CreateTempSubdirectory("wk-placeholders-").FullName;
        try
        {
            var flow = Path.Combine(folder, "notify.json");
            await File.WriteAllTextAsync(flow, Flow(message));
            var form = Path.Combine(TestPaths.BrokenFolder, "_support", "order-form.json");

            var report = await DefinitionValidator.ValidatePathsAsync([flow, form], CancellationToken.None);

            var warnings = report.Diagnostics.Where(diagnostic => diagnostic.Code == "WK1331").ToList();
            Assert.That(report.Diagnostics.Where(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error), Is.Empty);
            if (expected is null)
            {
                Assert.That(warnings, Is.Empty);
                return;
            }

            Assert.That(warnings, Has.Count.EqualTo(1), string.Join(Environment.NewLine, report.Diagnostics));
            Assert.Multiple(() =>
            {
                Assert.That(warnings[0].Severity, Is.EqualTo(DiagnosticSeverity.Warning));
                Assert.That(warnings[0].Pointer, Is.EqualTo(pointer));
                Assert.That(warnings[0].Message, Is.EqualTo(expected));
            });
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string Flow(string message) => $$"""
        {
          "formatVersion": 1,
          "kind": "flow",
          "key": "notify",
          "name": "Notify",
          "form": "order",
          "variables": [{ "name": "score", "type": "number" }],
          "nodes": [
            { "id": "start", "type": "start" },
            {
              "id": "tell",
              "type": "notification",
              "recipients": [{ "type": "initiator" }],
              "message": "{{message}}"
            },
            { "id": "end", "type": "end" }
          ],
          "edges": [
            { "id": "e1", "from": "start", "to": "tell" },
            { "id": "e2", "from": "tell", "to": "end" }
          ]
        }
        """;
}
