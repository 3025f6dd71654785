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
/// The flow settings' parameters section: number fields edit values as undoable changes, parameters can be added,
/// retyped and removed, and the validator's parameter messages appear in the page's words.
/// </summary>
[TestFixture]
public sealed class ParameterSettingsTests : ComponentTestBase
{
    private const string Flow = """
        {
          "formatVersion": 1, "kind": "flow", "key": "credit", "name": "Credit",
          "parameters": [
            { "id": "watchUtilisation", "type": "number", "value": 80,
              "label": { "zh-CN": "关注的额度使用率（%）", "en": "Watch utilisation (%)" } },
            { "id": "strict", "type": "boolean", "value": false }
          ],
          "nodes": [{ "id": "start", "type": "start" }, { "id": "end", "type": "end" }],
          "edges": [{ "id": "e1", "from": "start", "to": "end" }]
        }
        """;

    [Test]
    public async Task Number_field_sets_value()
    {
        var editor = new FlowEditor(DefinitionJson.Deserialize<FlowDefinition>(Flow));
        var cut = Render(editor, []);
        var field = cut.FindComponents<MudBlazor.MudNumericField<decimal?>>().Single();

        await cut.InvokeAsync(() => field.Instance.ValueChanged.InvokeAsync(70m));

        Assert.That(field.Instance.Label, Is.EqualTo("Watch utilisation (%) (watchUtilisation)"));
        Assert.That(editor.Flow.Parameters![0].Value!.GetValue<decimal>(), Is.EqualTo(70m));
        Assert.That(editor.CanUndo, Is.True);
        Assert.That(editor.ToJson(), Does.Contain("\"value\": 70"));
    }

    [Test]
    public void Checkbox_sets_boolean_value()
    {
        var editor = new FlowEditor(DefinitionJson.Deserialize<FlowDefinition>(Flow));
        var cut = Render(editor, []);

        cut.FindComponents<MudBlazor.MudCheckBox<bool>>().Single().Find("input").Change(true);

        Assert.That(editor.Flow.Parameters![1].Value!.GetValue<bool>(), Is.True);
    }

    [Test]
    public async Task Add_then_retype_and_rename()
    {
        var editor = new FlowEditor(DefinitionJson.Deserialize<FlowDefinition>(Flow));
        var cut = Render(editor, []);

        cut.Find("[data-testid=parameter-add] button, button[data-testid=parameter-add]").Click();
        cut.Render(parameters => parameters.Add(p => p.Flow, editor.Flow));
        var details = cut.FindAll("[data-testid=parameter-details]");
        var type = cut.FindComponents<MudBlazor.MudSelect<string>>().Single();
        await cut.InvokeAsync(() => type.Instance.ValueChanged.InvokeAsync(ParameterTypes.Text));
        var id = cut.FindComponents<MudBlazor.MudTextField<string>>()
            .Single(field => field.Instance.Label == "Id (read as params.ID)");
        await cut.InvokeAsync(() => id.Instance.ValueChanged.InvokeAsync("region"));

        Assert.That(details, Has.Count.EqualTo(1));
        var added = editor.Flow.Parameters![2];
        Assert.That(added.Id, Is.EqualTo("region"));
        Assert.That(added.Type, Is.EqualTo(ParameterTypes.Text));
        Assert.That(added.Value!.GetValue<string>(), Is.EqualTo(string.Empty));
    }

    [Test]
    public void Remove_last_parameter_drops_the_list()
    {
        var editor = new FlowEditor(DefinitionJson.Deserialize<FlowDefinition>(Flow));
        var cut = Render(editor, []);

        cut.FindAll("button[data-testid=parameter-remove]")[0].Click();
        cut.Render(parameters => parameters.Add(p => p.Flow, editor.Flow));
        cut.FindAll("button[data-testid=parameter-remove]")[0].Click();

        Assert.That(editor.Flow.Parameters, Is.Null);
        Assert.That(editor.ToJson(), Does.Not.Contain("\"parameters\""));
    }

    [Test]
    public void Wrong_value_shows_worded_message()
    {
        var json = Flow.Replace("\"value\": 80", "\"value\": \"80\"", StringComparison.Ordinal);
        var editor = new FlowEditor(DefinitionJson.Deserialize<FlowDefinition>(json));

        var cut = Render(editor, Validate(json));

        Assert.That(cut.Find("[data-testid=parameter-diagnostics]").TextContent, Does.Contain(
            "Parameter \"watchUtilisation\" has no valid value. Enter a value in the \"Parameters\" section."));
    }

    [Test]
    public void Duplicate_id_message_in_chinese()
    {
        var json = Flow.Replace("\"id\": \"strict\"", "\"id\": \"watchUtilisation\"", StringComparison.Ordinal);
        var flow = DefinitionJson.Deserialize<FlowDefinition>(json);
        var text = new DiagnosticText(new UiText { Culture = "zh-CN" }, new DiagnosticSubject(flow, null));

        var described = Validate(json).Where(diagnostic => diagnostic.Code == "WK1339").Select(text.Describe).ToList();

        Assert.That(described, Is.EqualTo(new[] { "参数“watchUtilisation”重复。请在“参数”中为其中一个换一个编号。" }));
    }

    [Test]
    public void Number_below_atLeast_names_the_bound()
    {
        var json = Flow.Replace(
            "\"type\": \"boolean\", \"value\": false",
            "\"type\": \"number\", \"value\": 70, \"min\": 1, \"max\": 500, \"atLeast\": \"watchUtilisation\"",
            StringComparison.Ordinal);
        var editor = new FlowEditor(DefinitionJson.Deserialize<FlowDefinition>(json));

        var cut = Render(editor, Validate(json));

        var strict = cut.FindComponents<MudBlazor.MudNumericField<decimal?>>()[1].Instance;
        Assert.That(cut.Markup, Does.Contain("Enter at least 80, the value of "));
        Assert.That(strict.HelperText, Is.EqualTo("Allowed: 1 to 500, not below \"Watch utilisation (%)\"."));
        Assert.That(cut.Find("[data-testid=parameter-diagnostics]").TextContent, Does.Contain(
            "Parameter \"strict\" is 70, outside its allowed range: not below \"watchUtilisation\" (80)."));
    }

    [Test]
    public void Number_within_bounds_has_no_error()
    {
        var json = Flow.Replace(
            "\"type\": \"boolean\", \"value\": false",
            "\"type\": \"number\", \"value\": 90, \"atLeast\": \"watchUtilisation\"",
            StringComparison.Ordinal);
        var editor = new FlowEditor(DefinitionJson.Deserialize<FlowDefinition>(json));

        var cut = Render(editor, Validate(json));

        Assert.That(cut.Markup, Does.Not.Contain("Enter at least"));
        Assert.That(cut.FindAll("[data-testid=parameter-diagnostics]"), Is.Empty);
    }

    private IRenderedComponent<ParameterSettings> Render(FlowEditor editor, IReadOnlyList<DesignerDiagnostic> diagnostics) =>
        Context.Render<ParameterSettings>(parameters => parameters
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
