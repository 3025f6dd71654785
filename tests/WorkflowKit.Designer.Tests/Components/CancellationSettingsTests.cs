using System.Text;
using Bunit;
using WorkflowKit.Definitions.Documents;
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
/// The flow settings' cancellation section: it offers the automatic nodes where an administrator's cancel may
/// continue, writes <c>settings.onCancel</c> as an undoable change, and words WK1346 and WK1347 like their withdrawal
/// neighbours.
/// </summary>
[TestFixture]
public sealed class CancellationSettingsTests : ComponentTestBase
{
    private const string Flow = """
        {
          "formatVersion": 1, "kind": "flow", "key": "order", "name": "Order",
          "nodes": [
            { "id": "start", "type": "start" },
            { "id": "approve", "type": "approval", "name": { "en": "Manager approval" },
              "assignees": [{ "type": "user", "value": "bob" }] },
            { "id": "end", "type": "end" },
            { "id": "release", "type": "condition", "name": { "en": "Release stock", "zh-CN": "释放库存" } },
            { "id": "confirm", "type": "approval", "name": { "en": "Warehouse confirms", "zh-CN": "仓库确认" },
              "assignees": [{ "type": "user", "value": "bob" }] },
            { "id": "note", "type": "script", "script": "vars.done = true;" },
            { "id": "released", "type": "end" }
          ],
          "edges": [
            { "id": "e1", "from": "start", "to": "approve" }, { "id": "e2", "from": "approve", "to": "end" },
            { "id": "e3", "from": "release", "to": "confirm", "priority": 1, "condition": { "javaScript": "vars.done === true" } },
            { "id": "e4", "from": "release", "to": "note", "default": true },
            { "id": "e5", "from": "confirm", "to": "released" }, { "id": "e6", "from": "note", "to": "released" }
          ],
          "variables": [{ "name": "done", "type": "boolean" }],
          "settings": { "onCancel": { "node": "note" } }
        }
        """;

    [Test]
    public async Task Select_offers_automatic_nodes_and_sets_path()
    {
        var editor = new FlowEditor(DefinitionJson.Deserialize<FlowDefinition>(Flow));
        var cut = Render(editor, []);
        var select = cut.FindComponents<MudBlazor.MudSelect<string>>().Single();
        Assert.That(cut.Find(".mud-select input").GetAttribute("value"), Is.EqualTo("note (Script)"));

        await cut.InvokeAsync(() => select.Instance.OpenMenu());
        var choices = Popovers.FindAll(".mud-list-item").Select(item => item.TextContent.Trim()).ToList();
        await cut.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync("release"));

        Assert.That(choices, Is.EqualTo(new[]
        {
            "Nowhere: the cancellation only ends the request", "Release stock (release, Condition)", "note (Script)",
        }));
        Assert.That(editor.Flow.Settings!.OnCancel!.Node, Is.EqualTo("release"));
        Assert.That(editor.CanUndo, Is.True);

        await cut.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(string.Empty));

        Assert.That(editor.Flow.Settings.OnCancel, Is.Null);
        Assert.That(editor.ToJson(), Does.Not.Contain("onCancel"));
        editor.Undo();
        Assert.That(editor.Flow.Settings!.OnCancel!.Node, Is.EqualTo("release"));
    }

    [Test]
    public void Path_through_approval_shows_worded_message()
    {
        var json = Flow.Replace("\"node\": \"note\"", "\"node\": \"release\"", StringComparison.Ordinal);
        var editor = new FlowEditor(DefinitionJson.Deserialize<FlowDefinition>(json));

        var cut = Render(editor, Validate(json));

        var panelText = cut.Find("[data-testid=on-cancel-diagnostics]").TextContent;
        Assert.That(panelText, Does.Contain(
            "Node \"Warehouse confirms\" (confirm) comes after the node where a cancellation continues, but it waits " +
            "for a person, a timer, a call or a sub-flow, which a cancellation cannot do. Lead the cancellation's " +
            "steps to an end node without it, or choose another node under \"On cancellation, continue at\"."));
        Assert.That(cut.FindAll("[data-testid=diagnostic-detail]"), Is.Empty);
    }

    [Test]
    public void Cancellation_messages_in_chinese()
    {
        var missing = Flow.Replace("\"node\": \"note\"", "\"node\": \"relase\"", StringComparison.Ordinal);
        var waiting = Flow.Replace("\"node\": \"note\"", "\"node\": \"release\"", StringComparison.Ordinal);
        var chinese = new UiText { Culture = "zh-CN" };

        var described = new[] { missing, waiting }.SelectMany(json =>
        {
            var text = new DiagnosticText(chinese, new DiagnosticSubject(DefinitionJson.Deserialize<FlowDefinition>(json), null));
            return Validate(json).Where(diagnostic => diagnostic.Code is "WK1346" or "WK1347")
                .Select(diagnostic => (text.Describe(diagnostic), text.Detail(diagnostic)));
        }).ToList();

        Assert.That(described, Is.EqualTo(new (string, string?)[]
        {
            ("取消时要继续的节点“relase”在流程中不存在。请在流程设置的“取消时从此节点继续”中选择其他节点，或选择“不继续：取消只结束申请”。", null),
            ("节点“仓库确认”(confirm)位于取消时继续执行的步骤中，但它要等待人员、定时器、外部调用或子流程，取消时无法等待。" +
             "请让取消步骤不经过它直接到达结束节点，或在“取消时从此节点继续”中选择其他节点。", null),
        }));
    }

    private IRenderedComponent<CancellationSettings> Render(FlowEditor editor, IReadOnlyList<DesignerDiagnostic> diagnostics) =>
        Context.Render<CancellationSettings>(parameters => parameters
            .Add(p => p.Flow, editor.Flow)
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
