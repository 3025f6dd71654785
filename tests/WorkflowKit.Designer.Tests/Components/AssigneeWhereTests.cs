using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Designer.Accounts;
using WorkflowKit.Designer.Flows;
using WorkflowKit.Designer.Localization;
using WorkflowKit.Designer.Tests.Admin;
using WorkflowKit.Designer.Tests.Support;

namespace WorkflowKit.Designer.Tests.Components;

/// <summary>
/// The assignee editor shows and edits a rule's <c>where</c> conditions, which narrow a role or department to the
/// users whose attribute equals a form field or a fixed value, and keeps them on screen when the role or type changes.
/// </summary>
public sealed class AssigneeWhereTests : ComponentTestBase
{
    private static readonly IReadOnlyList<ConditionFieldOption> Fields =
    [
        new("customer", "Customer", "text"),
        new("region", "Region", "singleSelect"),
    ];

    [Test]
    public void Where_shows_attribute_and_field()
    {
        var rule = RegionRule();

        var editor = Render([rule]);

        var row = editor.Find("[data-testid=assignee-where-row]");
        Assert.That(row.GetAttribute("data-attribute"), Is.EqualTo("region"));
        Assert.That(TestIds.Input(editor, "where-attribute").GetAttribute("value"), Is.EqualTo("region"));
        Assert.That(Shown(editor, "where-source"), Is.EqualTo("Form field"));
        Assert.That(Shown(editor, "where-field"), Is.EqualTo("Region (region)"));
        Assert.That(editor.FindAll("[data-testid=assignee-where-ignored]"), Is.Empty);
    }

    [Test]
    public void Where_labels_in_chinese()
    {
        Context.Services.GetRequiredService<UiText>().Culture = "zh-CN";

        var editor = Render([RegionRule()]);

        Assert.That(editor.Markup, Does.Contain("只有用户属性等于下列值的成员："));
        Assert.That(editor.Markup, Does.Contain("用户属性"));
        Assert.That(Shown(editor, "where-source"), Is.EqualTo("表单字段"));
        Assert.That(editor.Find("[data-testid=where-add]").TextContent.Trim(), Is.EqualTo("添加条件"));
    }

    [Test]
    public async Task Role_change_keeps_where_visible()
    {
        var rule = RegionRule();
        rule.Value = "credit-officer";
        var editor = Render([rule]);

        await SelectAsync(editor, "Role", "finance");

        Assert.That(rule.Value, Is.EqualTo("finance"));
        Assert.That(rule.Where, Is.EqualTo(new Dictionary<string, string> { ["region"] = "form.region" }));
        Assert.That(editor.Find("[data-testid=assignee-where-row]").GetAttribute("data-attribute"), Is.EqualTo("region"));
    }

    [Test]
    public async Task Type_change_warns_then_removes()
    {
        var rule = RegionRule();
        var changes = 0;
        var editor = Render([rule], () => changes++);

        await SelectAsync(editor, "Assignee type", AssigneeTypes.User);

        var warning = editor.Find("[data-testid=assignee-where-ignored]");
        Assert.That(warning.TextContent.Trim(), Is.EqualTo(
            "A \"User\" rule does not filter by user attributes, so these conditions have no effect. Remove them or " +
            "choose a role or department."));
        Assert.That(editor.FindAll("[data-testid=assignee-where-row]"), Has.Count.EqualTo(1));
        Assert.That(editor.FindAll("[data-testid=where-add]"), Is.Empty);

        await editor.Find("[data-testid=where-remove]").ClickAsync(new());

        Assert.That(rule.Where, Is.Null);
        Assert.That(editor.FindAll("[data-testid=assignee-where-row]"), Is.Empty);
        Assert.That(editor.FindAll("[data-testid=assignee-where-ignored]"), Is.Empty);
        Assert.That(changes, Is.EqualTo(2));
    }

    [Test]
    public async Task Added_fixed_value_is_quoted()
    {
        var rule = new AssigneeRule { Type = AssigneeTypes.Department, Value = "finance" };
        var editor = Render([rule]);

        await editor.Find("[data-testid=where-add]").ClickAsync(new());
        Assert.That(rule.Where, Is.Null, "a row without an attribute name is not stored");
        TestIds.Input(editor, "where-attribute").Change("region");
        await SelectAsync(editor, "Value from", AssigneeConditionSource.Constant);
        TestIds.Input(editor, "where-constant").Change("华北");

        Assert.That(rule.Where, Is.EqualTo(new Dictionary<string, string> { ["region"] = "\"华北\"" }));
    }

    [Test]
    public async Task Field_choice_writes_form_path()
    {
        var rule = new AssigneeRule
        {
            Type = AssigneeTypes.Role, Value = "finance",
            Where = new Dictionary<string, string> { ["region"] = "'east'" },
        };
        var editor = Render([rule]);
        Assert.That(TestIds.Input(editor, "where-constant").GetAttribute("value"), Is.EqualTo("east"));

        await SelectAsync(editor, "Value from", AssigneeConditionSource.FormField);
        await SelectAsync(editor, "Form field", "customer");

        Assert.That(rule.Where, Is.EqualTo(new Dictionary<string, string> { ["region"] = "form.customer" }));
    }

    [Test]
    public void Expression_stays_as_written()
    {
        var rule = new AssigneeRule
        {
            Type = AssigneeTypes.Role, Value = "finance",
            Where = new Dictionary<string, string>
            {
                ["region"] = "form.region.toLowerCase()",
                ["department"] = "'finance'",
            },
        };
        var editor = Render([rule]);

        TestIds.Input(editor, "where-constant").Change("finance-north");

        Assert.That(TestIds.Input(editor, "where-expression").GetAttribute("value"), Is.EqualTo("form.region.toLowerCase()"));
        Assert.That(rule.Where, Is.EqualTo(new Dictionary<string, string>
        {
            ["region"] = "form.region.toLowerCase()",
            ["department"] = "\"finance-north\"",
        }));
    }

    [Test]
    public void Directory_attributes_are_hinted()
    {
        var users = new List<DesignerUser>
        {
            new("finance1", "finance1", "刘洋", "finance", [RoleNames.Finance],
                new Dictionary<string, string> { ["region"] = "east", ["level"] = "2" }, "zh-CN", false),
        };

        var editor = Context.Render<AssigneeEditor>(parameters => parameters
            .Add(p => p.Rules, [RegionRule()])
            .Add(p => p.Fields, Fields)
            .Add(p => p.Users, users));

        Assert.That(editor.Markup, Does.Contain("Attributes in the organisation directory: level, region"));
    }

    [TestCase("form.region", AssigneeConditionSource.FormField, "region", "form.region")]
    [TestCase(" form.region ", AssigneeConditionSource.FormField, "region", "form.region")]
    [TestCase("'east'", AssigneeConditionSource.Constant, "east", "\"east\"")]
    [TestCase("\"华北\"", AssigneeConditionSource.Constant, "华北", "\"华北\"")]
    [TestCase("\"a\\\"b\"", AssigneeConditionSource.Constant, "a\"b", "\"a\\\"b\"")]
    [TestCase("'it\\'s'", AssigneeConditionSource.Expression, "'it\\'s'", "'it\\'s'")]
    [TestCase("form.lines[0].region", AssigneeConditionSource.Expression, "form.lines[0].region", "form.lines[0].region")]
    [TestCase("user.region", AssigneeConditionSource.Expression, "user.region", "user.region")]
    public void Condition_parses_and_writes(
        string expression, AssigneeConditionSource source, string value, string written)
    {
        var condition = AssigneeCondition.Parse("region", expression);

        Assert.That(condition.Source, Is.EqualTo(source));
        Assert.That(condition.Value, Is.EqualTo(value));
        Assert.That(condition.ToExpression(), Is.EqualTo(written));
    }

    private static AssigneeRule RegionRule() => new()
    {
        Type = AssigneeTypes.Role,
        Value = "finance",
        Where = new Dictionary<string, string> { ["region"] = "form.region" },
    };

    private IRenderedComponent<AssigneeEditor> Render(List<AssigneeRule> rules, Action? changed = null) =>
        Context.Render<AssigneeEditor>(parameters => parameters
            .Add(p => p.Rules, rules)
            .Add(p => p.Roles, ["credit-officer", "finance"])
            .Add(p => p.Fields, Fields)
            .Add(p => p.Changed, () => changed?.Invoke()));

    /// <summary>
    /// Returns the text that a select with <paramref name="testId"/> shows for its value: MudBlazor renders a string
    /// select as a read-only input and an enum select as a text element.
    /// </summary>
    private static string Shown(IRenderedComponent<AssigneeEditor> editor, string testId)
    {
        var element = editor.Find($"[data-testid={testId}]");
        return element.TagName == "INPUT" ? element.GetAttribute("value") ?? string.Empty : element.TextContent.Trim();
    }

    private static async Task SelectAsync<TValue>(IRenderedComponent<AssigneeEditor> editor, string label, TValue value)
    {
        var select = editor.FindComponents<MudSelect<TValue>>().Single(candidate => candidate.Instance.Label == label);
        await editor.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(value));
    }
}
