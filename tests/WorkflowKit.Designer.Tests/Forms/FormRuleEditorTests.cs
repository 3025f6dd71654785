using Bunit;
using WorkflowKit.Definitions;
using WorkflowKit.Definitions.Conditions;
using WorkflowKit.Definitions.Documents;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Definitions.Json;
using WorkflowKit.Definitions.Validation;
using WorkflowKit.Designer.Flows;
using WorkflowKit.Designer.Forms;
using WorkflowKit.Designer.Tests.Admin;
using WorkflowKit.Designer.Tests.Support;

namespace WorkflowKit.Designer.Tests.Forms;

/// <summary>
/// The cross-field rule panel of the form designer: an edited message replaces the plain default text and passes
/// validation, and the panel sets the field whose box shows the message.
/// </summary>
public sealed class FormRuleEditorTests : ComponentTestBase
{
    private static readonly IReadOnlyList<ConditionFieldOption> Fields =
    [
        new("urgent", "Urgent", FieldTypes.Boolean),
        new("urgentReason", "Reason for urgency", FieldTypes.Text),
    ];

    [Test]
    public void Edited_default_message_publishable()
    {
        var rule = Rule(new LocalizedText("Check this value."));
        var changes = 0;
        var panel = Render(rule, () => changes++);

        TestIds.Input(panel, "rule-message").Change("Give a reason for an urgent request");

        Assert.That(rule.Message.Values.Keys, Is.EqualTo(new[] { "en" }));
        Assert.That(rule.Message.Values["en"], Is.EqualTo("Give a reason for an urgent request"));
        Assert.That(changes, Is.EqualTo(1));
        var form = Form(rule);
        using var source = JsonSourceReader.Read(
            "sample.form.json", System.Text.Encoding.UTF8.GetBytes(DefinitionJson.Serialize(form)));
        var report = DefinitionValidator.Validate([source]);
        Assert.That(report.Diagnostics.Where(item => item.Severity == Definitions.Diagnostics.DiagnosticSeverity.Error),
            Is.Empty, string.Join(Environment.NewLine, report.Diagnostics));
    }

    [Test]
    public void Edit_keeps_other_language()
    {
        var rule = Rule(new LocalizedText("加急时必须填写原因", "Reason required"));
        var panel = Render(rule, null);

        TestIds.Input(panel, "rule-message").Change("Give a reason for an urgent request");

        Assert.That(rule.Message.Values["zh-CN"], Is.EqualTo("加急时必须填写原因"));
        Assert.That(rule.Message.Values["en"], Is.EqualTo("Give a reason for an urgent request"));
    }

    [Test]
    public async Task Message_field_replaces_first()
    {
        var rule = Rule(new LocalizedText("Check this value."));
        rule.Fields = ["urgent", "urgentReason"];
        var changes = 0;
        var panel = Render(rule, () => changes++);
        var select = panel.FindComponents<MudBlazor.MudSelect<string>>()
            .Single(item => item.Instance.Label == "Show the message at");

        await panel.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync("urgentReason"));

        Assert.That(rule.Fields, Is.EqualTo(new[] { "urgentReason" }));
        Assert.That(changes, Is.EqualTo(1));
    }

    [Test]
    public async Task Cleared_field_leaves_none()
    {
        var rule = Rule(new LocalizedText("Check this value."));
        rule.Fields = ["urgentReason"];
        var panel = Render(rule, null);
        var select = panel.FindComponents<MudBlazor.MudSelect<string>>()
            .Single(item => item.Instance.Label == "Show the message at");

        await panel.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(null));

        Assert.That(rule.Fields, Is.Null);
    }

    private IRenderedComponent<FormRuleEditor> Render(FormRule rule, Action? changed) =>
        Context.Render<FormRuleEditor>(parameters => parameters
            .Add(p => p.Rule, rule)
            .Add(p => p.Fields, Fields)
            .Add(p => p.Changed, changed));

    private static FormRule Rule(LocalizedText message) => new()
    {
        Id = "rule1",
        Condition = Condition.Script("!form.urgent || !!form.urgentReason"),
        Message = message,
    };

    private static FormDefinition Form(FormRule rule) => new()
    {
        Key = "sample",
        Name = new LocalizedText("Sample"),
        Fields =
        [
            new FieldDefinition { Id = "urgent", Type = FieldTypes.Boolean, Label = new LocalizedText("Urgent") },
            new FieldDefinition { Id = "urgentReason", Type = FieldTypes.Text, Label = new LocalizedText("Reason") },
        ],
        Rules = [rule],
    };
}
