using Bunit;
using WorkflowKit.Definitions;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Designer.Admin;
using WorkflowKit.Designer.Tests.Support;

namespace WorkflowKit.Designer.Tests.Admin;

public sealed class PermissionRuleEditorTests : ComponentTestBase
{
    private static readonly FieldDefinition[] Fields =
    [
        new() { Id = "customer", Type = FieldTypes.Text, Label = new LocalizedText("客户", "Customer") },
        new() { Id = "region", Type = FieldTypes.Text, Label = new LocalizedText("区域", "Region") },
        new() { Id = "total", Type = FieldTypes.Money, Label = new LocalizedText("金额", "Total") },
    ];

    [Test]
    public void Ticks_change_the_draft()
    {
        var draft = new PermissionRuleDraft { Role = "sales" };
        var editor = Context.Render<PermissionRuleEditor>(parameters => parameters
            .Add(p => p.Draft, draft)
            .Add(p => p.Fields, Fields)
            .Add(p => p.Roles, ["sales"]));

        TestIds.Input(editor, "rule-own-region").Change(true);
        TestIds.Input(editor, "rule-participant").Change(true);
        TestIds.Input(editor, "rule-action-export").Change(true);
        TestIds.Input(editor, "rule-hide-total").Change(true);

        var rule = draft.ToRule("sales-order", new Dictionary<string, string>());
        Assert.That(rule.Actions, Is.EqualTo(new[] { "read", "export" }));
        Assert.That(rule.Participant, Is.True);
        Assert.That(rule.Own, Is.False);
        Assert.That(rule.Rows!.Any!.Single().All.Single().ValueFrom, Is.EqualTo("user.region"));
        Assert.That(rule.HiddenFields, Is.EqualTo(new[] { "total" }));
    }

    [Test]
    public void Template_condition_is_shown_as_kept()
    {
        var rule = new WorkflowKit.Definitions.Packages.PermissionRule
        {
            Role = "sales", Form = "sales-order",
            Rows = WorkflowKit.Definitions.Conditions.Condition.Script("form.total > 10"),
        };

        var editor = Context.Render<PermissionRuleEditor>(parameters => parameters
            .Add(p => p.Draft, PermissionRuleDraft.FromRule(rule))
            .Add(p => p.Fields, Fields));

        Assert.That(editor.FindAll("[data-testid=rule-custom]"), Has.Count.EqualTo(1));
    }
}
