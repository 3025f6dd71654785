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
    public void Chinese_page_words_priority_clash()
    {
        var text = Describe("zh-CN");

        Assert.That(text, Does.Contain(
            "“金额判断”(route)的分支“小额 → end”(e3)与同一条件节点的另一个分支优先级相同，判断顺序不明确。" +
            "请为这些分支设置不同的优先级。"));
        Assert.That(string.Concat(text), Does.Not.Contain("share priority"));
    }

    [Test]
    public void English_page_words_priority_clash()
    {
        var text = Describe("en");

        Assert.That(text, Does.Contain(
            "Branch \"Small → end\" (e3) of \"Amount check\" (route) has the same priority as another branch of its " +
            "condition node, so their order is unclear. Give the branches different priorities."));
    }

    [Test]
    public void General_wording_has_detail()
    {
        var (diagnostics, text) = Diagnostics("en");
        var clash = diagnostics.Single(diagnostic => diagnostic.Code == "WK1330");
        var noAssignees = diagnostics.Single(diagnostic => diagnostic.Code == "WK1317");

        Assert.That(text.Detail(clash), Does.Contain("share priority 1"));
        Assert.That(text.Detail(noAssignees), Is.Null, "a specific wording needs no detail");
    }

    [Test]
    public void Chinese_general_wording_has_no_detail()
    {
        var (diagnostics, text) = Diagnostics("zh-CN");
        var clash = diagnostics.Single(diagnostic => diagnostic.Code == "WK1330");

        Assert.That(text.Detail(clash), Is.Null, "the validator's message is English");
    }

    [Test]
    public void Designer_code_keeps_its_message()
    {
        var (_, text) = Diagnostics("zh-CN");
        var warning = new DesignerDiagnostic(
            DiagnosticSeverity.Warning, "ORG1", "节点“经理审批”：没有在用的用户拥有角色“finance”。", "/nodes/2");

        Assert.That(text.Describe(warning), Is.EqualTo("节点“经理审批”(review)：节点“经理审批”：没有在用的用户拥有角色“finance”。"));
        Assert.That(text.Detail(warning), Is.Null);
    }

    [TestCase("zh-CN", "节点“经理审批”(review)：类型为“角色”的处理人规则没有填写值，找不到任何人。请在“处理人”部分填写它的值，或删除该规则。")]
    [TestCase("en", "Node \"Manager review\" (review): an assignee rule of type \"Role\" has no value, so it finds nobody. " +
        "Fill in its value in the \"Assignees\" section, or delete the rule.")]
    public void Assignee_without_value_is_worded(string culture, string expected)
    {
        var flow = Flow.Replace(
            "\"type\": \"approval\",", "\"type\": \"approval\", \"assignees\": [{\"type\": \"role\"}],",
            StringComparison.Ordinal);

        var text = Describe(culture, flow);

        Assert.That(text, Does.Contain(expected));
    }

    [TestCase("zh-CN", "节点“经理审批”(review)中有不属于这里的设置“colour”。请删除它，或改正拼写（名称区分大小写）。")]
    [TestCase("en", "Node \"Manager review\" (review) has the setting \"colour\", which does not belong there. " +
        "Remove it or correct its spelling (names are case-sensitive).")]
    public void Unknown_setting_is_named(string culture, string expected)
    {
        var flow = Flow.Replace(
            "\"type\": \"approval\",", "\"type\": \"approval\", \"colour\": \"red\",", StringComparison.Ordinal);

        var text = Describe(culture, flow);

        Assert.That(text, Does.Contain(expected));
    }

    [TestCase("zh-CN", "节点“经理审批”(review)缺少必填的设置“deadline”。请填写。")]
    [TestCase("en", "Node \"Manager review\" (review) lacks the required setting \"deadline\". Fill it in.")]
    public void Missing_setting_is_named(string culture, string expected)
    {
        var flow = Flow.Replace(
            "\"type\": \"approval\",",
            "\"type\": \"approval\", \"assignees\": [{\"type\": \"initiator\"}], \"reminders\": [{\"before\": \"PT1H\"}],",
            StringComparison.Ordinal);

        var text = Describe(culture, flow);

        Assert.That(text, Does.Contain(expected));
    }

    private static List<string> Describe(string culture, string flow = Flow)
    {
        var (diagnostics, text) = Diagnostics(culture, flow);
        return [.. diagnostics.Select(text.Describe)];
    }

    private static (List<DesignerDiagnostic> Diagnostics, DiagnosticText Text) Diagnostics(
        string culture, string flow = Flow)
    {
        var source = JsonSourceReader.Read("draft", Encoding.UTF8.GetBytes(flow));
        var report = DefinitionValidator.Validate([source]);
        var diagnostics = StoreDefinitionService.Map(DefinitionKind.Flow, flow, report.Diagnostics);
        var subject = new DiagnosticSubject(DefinitionJson.Deserialize<FlowDefinition>(flow), null);
        return ([.. diagnostics], new DiagnosticText(new UiText { Culture = culture }, subject));
    }
}
