using System.Text;
using WorkflowKit.Definitions.Documents;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Definitions.Json;
using WorkflowKit.Definitions.Validation;
using WorkflowKit.Designer.Diagnostics;
using WorkflowKit.Designer.Localization;
using WorkflowKit.Designer.Services;

namespace WorkflowKit.Designer.Tests.Diagnostics;

/// <summary>The designer's wording of validator diagnostics on the English page, and its fallback.</summary>
public sealed class DiagnosticTextTests
{
    private const string Flow = """
        {"formatVersion": 1, "kind": "flow", "key": "route", "name": "Route",
         "nodes": [
           {"id": "start", "type": "start", "name": {"en": "Submit", "zh-CN": "提交"}},
           {"id": "route", "type": "condition", "name": {"en": "Amount check", "zh-CN": "金额判断"}},
           {"id": "review", "type": "approval", "name": {"en": "Manager review", "zh-CN": "经理审批"}},
           {"id": "end", "type": "end"}],
         "edges": [
           {"id": "e1", "from": "start", "to": "route"},
           {"id": "e2", "from": "route", "to": "review", "priority": 1, "condition": {"javaScript": "vars.big"}},
           {"id": "e3", "from": "route", "to": "end", "priority": 1, "condition": {"javaScript": "vars.small"},
            "label": {"en": "Small", "zh-CN": "小额"}},
           {"id": "e4", "from": "route", "to": "end", "default": true},
           {"id": "e5", "from": "review", "to": "end"}]}
        """;

    [Test]
    public void English_page_names_node_and_control()
    {
        var text = Describe("en");

        Assert.That(text, Does.Contain(
            "Node \"Manager review\" (review) has no assignees, so nobody would get its task. Choose who does this " +
            "step in the \"Assignees\" section."));
    }

    [Test]
    public void Chinese_page_names_node_and_control()
    {
        var text = Describe("zh-CN");

        Assert.That(text, Does.Contain("节点“经理审批”(review)没有处理人，它的任务将无人接收。请在“处理人”部分选择由谁处理这一步。"));
    }

    [Test]
    public void Unworded_code_keeps_english_after_place()
    {
        var text = Describe("zh-CN");

        Assert.That(DiagnosticText.IsWorded("WK1330"), Is.False);
        Assert.That(text, Does.Contain(
            "“金额判断”(route)的分支“小额 → end”(e3)：Edges \"e2\" and \"e3\" of condition node \"route\" share " +
            "priority 1; the one listed first is tried first. Give them distinct priorities."));
    }

    private static List<string> Describe(string culture)
    {
        var source = JsonSourceReader.Read("draft", Encoding.UTF8.GetBytes(Flow));
        var report = DefinitionValidator.Validate([source]);
        var diagnostics = StoreDefinitionService.Map(DefinitionKind.Flow, Flow, report.Diagnostics);
        var subject = new DiagnosticSubject(DefinitionJson.Deserialize<FlowDefinition>(Flow), null);
        var text = new DiagnosticText(new UiText { Culture = culture }, subject);
        return [.. diagnostics.Select(text.Describe)];
    }
}
