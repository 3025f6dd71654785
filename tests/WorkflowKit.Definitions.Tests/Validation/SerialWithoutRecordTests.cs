using WorkflowKit.Definitions.Diagnostics;
using WorkflowKit.Definitions.Validation;

namespace WorkflowKit.Definitions.Tests.Validation;

/// <summary>WK1345: a serial field of a flow's form stays empty when the flow creates no record.</summary>
public sealed class SerialWithoutRecordTests
{
    [TestCase(null, true)]
    [TestCase(false, true)]
    [TestCase(true, false)]
    public async Task Serial_field_warns_without_record(bool? startCreatesRecord, bool warned)
    {
        var folder = Directory.CreateTempSubdirectory("wk-serial-record-").FullName;
        try
        {
            var flow = Path.Combine(folder, "claim.flow.json");
            var form = Path.Combine(folder, "claim.form.json");
            await File.WriteAllTextAsync(flow, Flow(startCreatesRecord));
            await File.WriteAllTextAsync(form, Form);

            var report = await DefinitionValidator.ValidatePathsAsync([flow, form], CancellationToken.None);

            var found = report.Diagnostics.Where(item => item.Code == DiagnosticCodes.SerialWithoutRecord).ToList();
            Assert.That(report.Diagnostics.Where(item => item.Severity == DiagnosticSeverity.Error), Is.Empty,
                string.Join(Environment.NewLine, report.Diagnostics));
            if (!warned)
            {
                Assert.That(found, Is.Empty);
                return;
            }

            Assert.That(found, Has.Count.EqualTo(1));
            Assert.Multiple(() =>
            {
                Assert.That(found[0].Severity, Is.EqualTo(DiagnosticSeverity.Warning));
                Assert.That(found[0].Pointer, Is.EqualTo("/form"));
                Assert.That(found[0].Message, Is.EqualTo(
                    "Form \"claim\" has serial field \"claimNo\", but the flow creates no record, so the field stays " +
                    "empty in every instance. Set \"startCreatesRecord\": true in the flow's settings, or bind a form " +
                    "without serial fields."));
            });
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public async Task Record_trigger_or_sub_flow_input_supplies_serial()
    {
        var folder = Directory.CreateTempSubdirectory("wk-serial-record-").FullName;
        try
        {
            var triggered = Flow(null).Replace(
                "\"form\": \"claim\",",
                "\"form\": \"claim\", \"triggers\": [{ \"type\": \"record\", \"form\": \"claim\", \"on\": [\"updated\"] }],",
                StringComparison.Ordinal);
            var child = Flow(null).Replace("\"key\": \"claim\"", "\"key\": \"claim-check\"", StringComparison.Ordinal);
            var parent = Flow(true).Replace(
                "{ \"id\": \"end\", \"type\": \"end\" }",
                "{ \"id\": \"check\", \"type\": \"subFlow\", \"flow\": \"claim-check\", \"wait\": false, " +
                "\"input\": { \"claimNo\": \"form.claimNo\" } }, { \"id\": \"end\", \"type\": \"end\" }",
                StringComparison.Ordinal).Replace(
                "{ \"id\": \"e1\", \"from\": \"start\", \"to\": \"end\" }",
                "{ \"id\": \"e1\", \"from\": \"start\", \"to\": \"check\" }, " +
                "{ \"id\": \"e2\", \"from\": \"check\", \"to\": \"end\" }",
                StringComparison.Ordinal).Replace("\"key\": \"claim\"", "\"key\": \"claim-parent\"", StringComparison.Ordinal);
            var paths = new List<string>();
            foreach (var (name, text) in new[] { ("triggered", triggered), ("child", child), ("parent", parent), ("form", Form) })
            {
                paths.Add(Path.Combine(folder, name + ".json"));
                await File.WriteAllTextAsync(paths[^1], text);
            }

            var report = await DefinitionValidator.ValidatePathsAsync(paths, CancellationToken.None);

            Assert.That(report.Diagnostics.Where(item => item.Severity == DiagnosticSeverity.Error), Is.Empty,
                string.Join(Environment.NewLine, report.Diagnostics));
            Assert.That(report.Diagnostics.Where(item => item.Code == DiagnosticCodes.SerialWithoutRecord), Is.Empty,
                string.Join(Environment.NewLine, report.Diagnostics));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private const string Form = """
        {
          "formatVersion": 1,
          "kind": "form",
          "key": "claim",
          "name": "Claim",
          "fields": [
            { "id": "claimNo", "type": "serial", "label": "Claim no.", "serialPattern": "CL-{yyyyMM}-{seq:3}" },
            { "id": "amount", "type": "money", "label": "Amount" }
          ]
        }
        """;

    private static string Flow(bool? startCreatesRecord) => $$"""
        {
          "formatVersion": 1,
          "kind": "flow",
          "key": "claim",
          "name": "Claim",
          "form": "claim",
          {{(startCreatesRecord is { } creates ? $"\"settings\": {{ \"startCreatesRecord\": {(creates ? "true" : "false")} }}," : "")}}
          "nodes": [
            { "id": "start", "type": "start" },
            { "id": "end", "type": "end" }
          ],
          "edges": [
            { "id": "e1", "from": "start", "to": "end" }
          ]
        }
        """;
}
