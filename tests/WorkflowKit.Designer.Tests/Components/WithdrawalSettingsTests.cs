using System.Text;
using Bunit;
using WorkflowKit.Definitions;
using WorkflowKit.Definitions.Documents;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Definitions.Json;
using WorkflowKit.Definitions.Validation;
using WorkflowKit.Designer.Diagnostics;
using WorkflowKit.Designer.Flows;
using WorkflowKit.Designer.Localization;
using WorkflowKit.Designer.Services;
using WorkflowKit.Designer.Tests.Support;

namespace WorkflowKit.Designer.Tests.Components;

/// <summary>
/// The flow settings' withdrawal section: it offers the automatic nodes a withdrawal path may start at, writes
/// <c>settings.onWithdraw</c> and <c>settings.allowWithdraw</c> as undoable changes, and shows the validator's
/// withdrawal messages in the page's words.
/// </summary>
[TestFixture]
public sealed class WithdrawalSettingsTests : ComponentTestBase
{
    private const string Flow = """
        {
          "formatVersion": 1, "kind": "flow", "key": "order", "name": "Order",
          "nodes": [
            { "id": "start", "type": "start" },
            { "id": "approve", "type": "approval", "name": { "en": "Manager approval" },
              "assignees": [{ "type": "user", "value": "bob" }] },
            { "id": "end", "type": "end" },
            { "id": "undo", "type": "condition", "name": { "en": "Undo on withdrawal" } },
            { "id": "confirm", "type": "approval", "name": { "en": "Warehouse confirms" },
              "assignees": [{ "type": "user", "value": "bob" }] },
            { "id": "note", "type": "script", "script": "vars.done = true;" },
            { "id": "undone", "type": "end" }
          ],
          "edges": [
            { "id": "e1", "from": "start", "to": "approve" }, { "id": "e2", "from": "approve", "to": "end" },
            { "id": "e3", "from": "undo", "to": "confirm", "priority": 1, "condition": { "javaScript": "vars.done === true" } },
            { "id": "e4", "from": "undo", "to": "note", "default": true },
            { "id": "e5", "from": "confirm", "to": "undone" }, { "id": "e6", "from": "note", "to": "undone" }
          ],
          "variables": [{ "name": "done", "type": "boolean" }],
          "settings": { "allowWithdraw": true }
        }
        """;

    [Test]
    public async Task Select_offers_automatic_nodes_and_sets_path()
    {
        var editor = new FlowEditor(DefinitionJson.Deserialize<FlowDefinition>(Flow));
        var cut = Render(editor, []);
        var select = cut.FindComponents<MudBlazor.MudSelect<string>>().Single();

        await cut.InvokeAsync(() => select.Instance.OpenMenu());
        var choices = Popovers.FindAll(".mud-list-item").Select(item => item.TextContent.Trim()).ToList();
        await cut.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync("undo"));

        Assert.That(choices, Is.EqualTo(new[]
        {
            "Nowhere: the withdrawal only ends the request", "Undo on withdrawal (undo, Condition)", "note (Script)",
        }));
        cut.Render(parameters => parameters.Add(p => p.Flow, editor.Flow));
        Assert.That(editor.Flow.Settings!.OnWithdraw!.Node, Is.EqualTo("undo"));
        Assert.That(cut.Find(".mud-select input").GetAttribute("value"), Is.EqualTo("Undo on withdrawal (undo, Condition)"));
        Assert.That(editor.CanUndo, Is.True);
        Assert.That(editor.ToJson(), Does.Contain("\"onWithdraw\": {"));

        await cut.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(string.Empty));

        Assert.That(editor.Flow.Settings.OnWithdraw, Is.Null);
    }

    [Test]
    public void Unticking_withdraw_disables_path_select()
    {
        var editor = new FlowEditor(DefinitionJson.Deserialize<FlowDefinition>(Flow));
        var cut = Render(editor, []);
        AngleSharp.Dom.IElement Box() => cut.FindComponents<MudBlazor.MudCheckBox<bool>>().Single().Find("input");

        Assert.That(Box().HasAttribute("checked"), Is.True);
        Box().Change(false);
        cut.Render(parameters => parameters.Add(p => p.Flow, editor.Flow));

        Assert.That(editor.Flow.Settings!.AllowWithdraw, Is.False);
        Assert.That(cut.FindComponents<MudBlazor.MudSelect<string>>().Single().Instance.Disabled, Is.True);
    }

    [Test]
    public void Path_through_approval_shows_worded_message()
    {
        var json = Flow.Replace("\"settings\": { \"allowWithdraw\": true }",
            "\"settings\": { \"allowWithdraw\": true, \"onWithdraw\": { \"node\": \"undo\" } }", StringComparison.Ordinal);
        var editor = new FlowEditor(DefinitionJson.Deserialize<FlowDefinition>(json));

        var cut = Render(editor, Validate(json));

        Assert.That(cut.Find("[data-testid=on-withdraw-diagnostics]").TextContent, Does.Contain(
            "Node \"Warehouse confirms\" (confirm) comes after the node where a withdrawal continues, but it waits for " +
            "a person, a timer, a call or a sub-flow, which a withdrawal cannot do. Lead the withdrawal's steps to an " +
            "end node without it, or choose another node under \"On withdrawal, continue at\"."));
    }

    [Test]
    public void Missing_node_message_in_chinese()
    {
        var json = Flow.Replace("\"settings\": { \"allowWithdraw\": true }",
            "\"settings\": { \"allowWithdraw\": false, \"onWithdraw\": { \"node\": \"udno\" } }", StringComparison.Ordinal);
        var flow = DefinitionJson.Deserialize<FlowDefinition>(json);
        var text = new DiagnosticText(new UiText { Culture = "zh-CN" }, new DiagnosticSubject(flow, null));

        var described = Validate(json).Where(diagnostic => diagnostic.Code.StartsWith("WK133", StringComparison.Ordinal))
            .Select(text.Describe).ToList();

        Assert.That(described, Is.EqualTo(new[]
        {
            "已设置撤回时继续执行的节点，但发起人不能撤回。请勾选“发起人可在有人处理任务之前撤回”，或在“撤回时从此节点继续”中选择“不继续：撤回只结束申请”。",
            "撤回时要继续的节点“udno”在流程中不存在。请在流程设置的“撤回时从此节点继续”中选择其他节点，或选择“不继续：撤回只结束申请”。",
        }));
    }

    [Test]
    public async Task Withdrawn_value_added_and_edited()
    {
        var editor = new FlowEditor(DefinitionJson.Deserialize<FlowDefinition>(Flow));
        var cut = Render(editor, []);

        cut.Find("[data-testid=withdrawn-value-add]").Click();
        cut.Render(parameters => parameters.Add(p => p.Flow, editor.Flow));
        var field = cut.FindComponents<MudBlazor.MudSelect<string>>()
            .Single(select => select.Instance.Label == "Field");
        await cut.InvokeAsync(() => field.Instance.ValueChanged.InvokeAsync("note"));
        cut.Render(parameters => parameters.Add(p => p.Flow, editor.Flow));
        var expression = cut.FindComponents<MudBlazor.MudTextField<string>>()
            .Single(text => text.Instance.Label == "Expression");
        await cut.InvokeAsync(() => expression.Instance.ValueChanged.InvokeAsync(" 'cancelled' "));
        cut.Render(parameters => parameters.Add(p => p.Flow, editor.Flow));

        Assert.That(editor.Flow.Settings!.WithdrawnValues, Is.EqualTo(new Dictionary<string, string> { ["note"] = "'cancelled'" }));
        Assert.That(editor.ToJson(), Does.Contain("\"withdrawnValues\": {"));
        Assert.That(cut.FindAll("[data-testid=withdrawn-value-row]"), Has.Count.EqualTo(1));
        Assert.That(cut.Find("[data-testid=withdrawn-value-row] .mud-select input").GetAttribute("value"),
            Is.EqualTo("Note (note)"));

        editor.Undo();
        editor.Undo();
        editor.Undo();

        Assert.That(editor.Flow.Settings?.WithdrawnValues, Is.Null);
    }

    [Test]
    public void Withdrawn_values_load_and_remove()
    {
        var json = Flow.Replace("\"settings\": { \"allowWithdraw\": true }",
            "\"settings\": { \"allowWithdraw\": true, \"startCreatesRecord\": true, " +
            "\"withdrawnValues\": { \"status\": \"'cancelled'\", \"note\": \"vars.withdrawal.comment\" } }",
            StringComparison.Ordinal);
        var editor = new FlowEditor(DefinitionJson.Deserialize<FlowDefinition>(json));
        var cut = Render(editor, []);

        var expressions = cut.FindAll("input[data-testid=withdrawn-value-expression]")
            .Select(input => input.GetAttribute("value")).ToList();
        Assert.That(expressions, Is.EqualTo(new[] { "'cancelled'", "vars.withdrawal.comment" }));
        Assert.That(cut.FindAll("[data-testid=withdrawn-values-no-record]"), Is.Empty);

        cut.FindAll("[data-testid=withdrawn-value-remove]")[0].Click();
        cut.Render(parameters => parameters.Add(p => p.Flow, editor.Flow));

        Assert.That(editor.Flow.Settings!.WithdrawnValues, Is.EqualTo(new Dictionary<string, string> { ["note"] = "vars.withdrawal.comment" }));
        cut.Find("[data-testid=withdrawn-value-remove]").Click();
        Assert.That(editor.Flow.Settings.WithdrawnValues, Is.Null);
        Assert.That(editor.ToJson(), Does.Not.Contain("withdrawnValues"));
    }

    [Test]
    public void Withdrawn_values_warn_without_start_record()
    {
        var editor = new FlowEditor(DefinitionJson.Deserialize<FlowDefinition>(Flow));

        var cut = Render(editor, []);

        Assert.That(cut.Find("[data-testid=withdrawn-values-no-record]").TextContent, Does.Contain(
            "This flow stores no record when it starts"));
    }

    private static FormDefinition OrderForm() => new()
    {
        Key = "order",
        Name = new LocalizedText("订单", "Order"),
        Fields =
        [
            new FieldDefinition { Id = "status", Type = FieldTypes.Text, Label = new LocalizedText("订单状态", "Order status") },
            new FieldDefinition { Id = "note", Type = FieldTypes.LongText, Label = new LocalizedText("备注", "Note") },
        ],
    };

    private IRenderedComponent<WithdrawalSettings> Render(FlowEditor editor, IReadOnlyList<DesignerDiagnostic> diagnostics) =>
        Context.Render<WithdrawalSettings>(parameters => parameters
            .Add(p => p.Flow, editor.Flow)
            .Add(p => p.Form, OrderForm())
            .Add(p => p.Diagnostics, diagnostics)
            .Add(p => p.Subject, new DiagnosticSubject(editor.Flow, null))
            .Add(p => p.Apply, change => editor.Apply(change)));

    private static IReadOnlyList<DesignerDiagnostic> Validate(string json)
    {
        var source = JsonSourceReader.Read("draft", Encoding.UTF8.GetBytes(json));
        var report = DefinitionValidator.Validate([source]);
        return StoreDefinitionService.Map(DefinitionKind.Flow, json, report.Diagnostics);
    }
}
