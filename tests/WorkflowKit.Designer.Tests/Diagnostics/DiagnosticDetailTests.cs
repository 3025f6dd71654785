using System.Reflection;
using System.Text;
using WorkflowKit.Definitions.Diagnostics;
using WorkflowKit.Definitions.Documents;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Definitions.Json;
using WorkflowKit.Definitions.Validation;
using WorkflowKit.Designer.Diagnostics;
using WorkflowKit.Designer.Localization;
using WorkflowKit.Designer.Services;
using DiagnosticSeverity = WorkflowKit.Designer.Services.DiagnosticSeverity;

namespace WorkflowKit.Designer.Tests.Diagnostics;

/// <summary>
/// The detail under a diagnostic's general wording: the validator's English message is shown on the English page, and
/// on the Chinese page only where the wording needs a value that the message quotes, introduced as English.
/// </summary>
public sealed class DiagnosticDetailTests
{
    private const string Form = """
        {"formatVersion": 1, "kind": "form", "key": "visit", "name": "Visit",
         "fields": [
           {"id": "customer", "type": "text", "label": {"zh-CN": "客户", "en": "Customer"}},
           {"id": "subTable2", "type": "subTable", "label": {"zh-CN": "拜访明细", "en": "Visit lines"}}]}
        """;

    [Test]
    public void Sub_table_without_columns_in_chinese()
    {
        var (text, diagnostic) = Describe("zh-CN", DiagnosticCodes.SubTableWithoutColumns);

        Assert.That(text.Describe(diagnostic), Is.EqualTo(
            "字段“拜访明细”(subTable2)没有列，因此无法填写任何行。请选中它，在“列”下添加列，或删除它。"));
        Assert.That(text.Detail(diagnostic), Is.Null);
    }

    [Test]
    public void Sub_table_without_columns_in_english()
    {
        var (text, diagnostic) = Describe("en", DiagnosticCodes.SubTableWithoutColumns);

        Assert.That(text.Describe(diagnostic), Is.EqualTo(
            "Field \"Visit lines\" (subTable2) has no columns, so no row can be filled in. Select it and add a column " +
            "under \"Columns\", or delete it."));
        Assert.That(text.Detail(diagnostic), Is.Null);
    }

    /// <summary>Every code's general wording, as the Chinese page shows it for a diagnostic without arguments.</summary>
    [TestCaseSource(nameof(Codes))]
    public void Chinese_general_wording_has_no_english_detail(string code)
    {
        var diagnostic = new DesignerDiagnostic(DiagnosticSeverity.Error, code, "The validator's English message.", "/fields/0");
        var text = new DiagnosticText(new UiText { Culture = "zh-CN" }, DiagnosticSubject.None);

        var detail = text.Detail(diagnostic);

        if (DiagnosticWordings.NeedValidatorMessage.Contains(code))
        {
            Assert.That(detail, Is.EqualTo("校验器的原始说明（英文）：The validator's English message."));
        }
        else
        {
            Assert.That(detail, Is.Null);
        }
    }

    [Test]
    public void English_general_wording_keeps_detail()
    {
        var diagnostic = new DesignerDiagnostic(
            DiagnosticSeverity.Error, DiagnosticCodes.MinGreaterThanMax, "Field \"qty\" has min 5 above max 2.", "/fields/0");
        var text = new DiagnosticText(new UiText { Culture = "en" }, DiagnosticSubject.None);

        Assert.That(text.Detail(diagnostic), Is.EqualTo("Field \"qty\" has min 5 above max 2."));
    }

    private static IEnumerable<string> Codes() =>
        typeof(DiagnosticCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => field.IsLiteral && field.FieldType == typeof(string))
            .Select(field => (string)field.GetRawConstantValue()!);

    private static (DiagnosticText Text, DesignerDiagnostic Diagnostic) Describe(string culture, string code)
    {
        var source = JsonSourceReader.Read("draft", Encoding.UTF8.GetBytes(Form));
        var report = DefinitionValidator.Validate([source]);
        var diagnostic = StoreDefinitionService.Map(DefinitionKind.Form, Form, report.Diagnostics).Single(found => found.Code == code);
        var subject = new DiagnosticSubject(null, DefinitionJson.Deserialize<FormDefinition>(Form));
        return (new DiagnosticText(new UiText { Culture = culture }, subject), diagnostic);
    }
}
