using System.Text;
using WorkflowKit.Definitions.Diagnostics;
using WorkflowKit.Definitions.Documents;
using WorkflowKit.Definitions.Validation;

namespace WorkflowKit.Definitions.Tests.Validation;

/// <summary>
/// A text object with a key that is not a culture name, such as the empty key of a plain string written beside
/// culture names, gets one diagnostic that names the key and says how to write the text.
/// </summary>
public sealed class LocalizedTextShapeTests
{
    private const string FormWithMessage = """
        {
          "formatVersion": 1,
          "kind": "form",
          "key": "sample",
          "name": "Sample",
          "fields": [
            { "id": "urgent", "type": "boolean", "label": "Urgent" },
            { "id": "urgentReason", "type": "text", "label": "Reason" }
          ],
          "rules": [
            {
              "id": "rule1",
              "condition": { "javaScript": "!form.urgent || !!form.urgentReason" },
              "message": MESSAGE
            }
          ]
        }
        """;

    [Test]
    public void Empty_key_beside_culture_named()
    {
        var diagnostics = Validate("""{ "": "请检查此值。", "zh-CN": "加急时必须填写加急原因" }""");

        Assert.That(diagnostics, Has.Count.EqualTo(1), string.Join(Environment.NewLine, diagnostics));
        Assert.That(diagnostics[0].Code, Is.EqualTo(DiagnosticCodes.WrongType));
        Assert.That(diagnostics[0].Pointer, Is.EqualTo("/rules/0/message"));
        Assert.That(diagnostics[0].Message, Is.EqualTo(
            "The text at /rules/0/message has the key \"\", which is not a culture name such as \"zh-CN\" or \"en\". " +
            "Write the text as a plain string, or as an object of culture names such as " +
            "{\"zh-CN\": \"…\", \"en\": \"…\"}, and move the text under \"\" to its culture name or remove it."));
    }

    [Test]
    public void Wrong_culture_key_named()
    {
        var diagnostics = Validate("""{ "zh_CN": "必填", "en": "Required" }""");

        Assert.That(diagnostics, Has.Count.EqualTo(1), string.Join(Environment.NewLine, diagnostics));
        Assert.That(diagnostics[0].Pointer, Is.EqualTo("/rules/0/message"));
        Assert.That(diagnostics[0].Message, Does.StartWith(
            "The text at /rules/0/message has the key \"zh_CN\", which is not a culture name"));
    }

    [Test]
    public void Empty_object_asks_for_text()
    {
        var diagnostics = Validate("{}");

        Assert.That(diagnostics, Has.Count.EqualTo(1), string.Join(Environment.NewLine, diagnostics));
        Assert.That(diagnostics[0].Pointer, Is.EqualTo("/rules/0/message"));
        Assert.That(diagnostics[0].Message, Is.EqualTo(
            "The text at /rules/0/message is an empty object. Write the text as a plain string, or as an object " +
            "of culture names such as {\"zh-CN\": \"…\", \"en\": \"…\"}."));
    }

    [Test]
    public void Culture_map_passes()
    {
        var diagnostics = Validate("""{ "zh-CN": "加急时必须填写加急原因", "en": "Give a reason" }""");

        Assert.That(diagnostics, Is.Empty, string.Join(Environment.NewLine, diagnostics));
    }

    private static List<Diagnostic> Validate(string message)
    {
        var json = FormWithMessage.Replace("MESSAGE", message, StringComparison.Ordinal);
        using var source = JsonSourceReader.Read("sample.form.json", Encoding.UTF8.GetBytes(json));
        var report = DefinitionValidator.Validate([source]);
        return [.. report.Diagnostics.Where(item => item.Severity == DiagnosticSeverity.Error)];
    }
}
