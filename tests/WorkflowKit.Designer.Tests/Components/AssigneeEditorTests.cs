using Bunit;
using WorkflowKit.Definitions;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Designer.Flows;
using WorkflowKit.Designer.Tests.Support;

namespace WorkflowKit.Designer.Tests.Components;

/// <summary>The assignee picker of the flow designer names roles as the roles page does, not by their keys alone.</summary>
public sealed class AssigneeEditorTests : ComponentTestBase
{
    [Test]
    public void Role_is_shown_by_name()
    {
        var rules = new List<AssigneeRule> { new() { Type = AssigneeTypes.Role, Value = "sales-manager" } };

        var editor = Context.Render<AssigneeEditor>(parameters => parameters
            .Add(p => p.Rules, rules)
            .Add(p => p.Roles, ["sales-manager", "finance"])
            .Add(p => p.RoleLabels, new Dictionary<string, LocalizedText>
            {
                ["sales-manager"] = new("销售经理", "Sales manager"),
            }));

        Assert.That(editor.Markup, Does.Contain("Sales manager (sales-manager)"), editor.Markup);
    }
}
