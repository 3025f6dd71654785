using WorkflowKit.Definitions.Diagnostics;
using WorkflowKit.Definitions.Validation;

namespace WorkflowKit.Definitions.Tests.Validation;

/// <summary>WK1344: HTTP node URL placeholders that the engine cannot fill.</summary>
public sealed class UrlPlaceholderTests
{
    [TestCase("http://127.0.0.1:5080/erp/{{form.region}}?amount={{form.amount}}&score={{vars.score}}", null)]
    [TestCase("http://127.0.0.1:5080/erp?customer={{form.customer}}",
        "URL placeholder \"{{form.customer}}\" of HTTP node \"fetch\" names field \"customer\", which the form does " +
        "not have. Correct the name or declare the variable.")]
    [TestCase("http://127.0.0.1:5080/erp?score={{vars.scor}}",
        "URL placeholder \"{{vars.scor}}\" of HTTP node \"fetch\" names variable \"scor\", which the flow does not " +
        "declare. Correct the name or declare the variable.")]
    [TestCase("http://127.0.0.1:5080/erp?customer={{customer}}",
        "URL placeholder \"{{customer}}\" of HTTP node \"fetch\" is not a {{form.FIELD}} or {{vars.NAME}} " +
        "placeholder. Correct the name or declare the variable.")]
    public async Task Url_Placeholder_Checked(string url, string? expected)
    {
        var folder = Directory.CreateTempSubdirectory("wk-url-placeholders-").FullName;
        try
        {
            var flow = Path.Combine(folder, "fetch.json");
            await File.WriteAllTextAsync(flow, Flow(url));
            var form = Path.Combine(TestPaths.BrokenFolder, "_support", "order-form.json");

            var report = await DefinitionValidator.ValidatePathsAsync([flow, form], CancellationToken.None);

            var errors = report.Diagnostics.Where(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error).ToList();
            if (expected is null)
            {
                Assert.That(errors, Is.Empty, string.Join(Environment.NewLine, errors));
                return;
            }

            Assert.That(errors, Has.Count.EqualTo(1), string.Join(Environment.NewLine, report.Diagnostics));
            Assert.Multiple(() =>
            {
                Assert.That(errors[0].Code, Is.EqualTo(DiagnosticCodes.UnknownUrlPlaceholder));
                Assert.That(errors[0].Pointer, Is.EqualTo("/nodes/1/url"));
                Assert.That(errors[0].Message, Is.EqualTo(expected));
            });
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string Flow(string url) => $$"""
        {
          "formatVersion": 1,
          "kind": "flow",
          "key": "fetch",
          "name": "Fetch",
          "form": "order",
          "variables": [{ "name": "score", "type": "number" }],
          "nodes": [
            { "id": "start", "type": "start" },
            { "id": "fetch", "type": "http", "method": "GET", "url": "{{url}}" },
            { "id": "end", "type": "end" }
          ],
          "edges": [
            { "id": "e1", "from": "start", "to": "fetch" },
            { "id": "e2", "from": "fetch", "to": "end" }
          ]
        }
        """;
}
