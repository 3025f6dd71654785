using Bunit;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Designer.Flows;
using WorkflowKit.Designer.Tests.Support;

namespace WorkflowKit.Designer.Tests.Components;

[TestFixture]
public sealed class NodePropertyPanelTests : ComponentTestBase
{
    [Test]
    public void Approval_node_shows_assignees_mode_and_a_permission_row_per_field()
    {
        var flow = OrderDefinitions.Flow();
        var node = flow.Nodes.Single(n => n.Id == OrderDefinitions.ManagerNode);

        var cut = Context.Render<NodePropertyPanel>(parameters => parameters
            .Add(p => p.Node, node)
            .Add(p => p.Flow, flow)
            .Add(p => p.Form, OrderDefinitions.Form()));

        Assert.That(cut.FindAll("[data-testid=assignee-row]"), Has.Count.EqualTo(1));
        Assert.That(cut.FindAll("[data-testid=field-permissions] tbody tr"), Has.Count.EqualTo(OrderDefinitions.Form().Fields.Count));
        Assert.That(cut.Markup, Does.Contain("Approval mode"));
    }

    [Test]
    public void Branch_label_keeps_other_language()
    {
        var flow = OrderDefinitions.Flow();
        var node = new NodeDefinition { Id = "amount-check", Type = NodeTypes.Condition };
        flow.Nodes.Add(node);
        var edge = new EdgeDefinition
        {
            Id = "e-large", From = node.Id, To = OrderDefinitions.ManagerNode,
            Label = new WorkflowKit.Definitions.LocalizedText("大额", "Large"),
        };
        flow.Edges.Add(edge);
        var cut = Context.Render<NodePropertyPanel>(parameters => parameters
            .Add(p => p.Node, node)
            .Add(p => p.Flow, flow)
            .Add(p => p.Form, OrderDefinitions.Form()));

        Admin.TestIds.Input(cut, "branch-label").Change("Large order");

        Assert.That(edge.Label!.Values["zh-CN"], Is.EqualTo("大额"));
        Assert.That(edge.Label.Values["en"], Is.EqualTo("Large order"));
    }

    [Test]
    public void Choosing_hidden_sets_the_field_permission_and_reports_a_change()
    {
        var flow = OrderDefinitions.Flow();
        var node = flow.Nodes.Single(n => n.Id == OrderDefinitions.ManagerNode);
        var changes = 0;
        var cut = Context.Render<NodePropertyPanel>(parameters => parameters
            .Add(p => p.Node, node)
            .Add(p => p.Flow, flow)
            .Add(p => p.Form, OrderDefinitions.Form())
            .Add(p => p.Changed, _ => changes++));

        cut.Find("tr[data-field=total] input[data-access=hidden]").Change(true);

        Assert.That(node.FieldPermissions!["total"].Access, Is.EqualTo(FieldPermission.Hidden));
        Assert.That(changes, Is.EqualTo(1));
    }

    [Test]
    public void Return_to_initiator_switch_sets_option()
    {
        var flow = OrderDefinitions.Flow();
        var node = flow.Nodes.Single(n => n.Id == OrderDefinitions.ManagerNode);
        var changes = 0;
        var cut = Context.Render<NodePropertyPanel>(parameters => parameters
            .Add(p => p.Node, node)
            .Add(p => p.Flow, flow)
            .Add(p => p.Form, OrderDefinitions.Form())
            .Add(p => p.Changed, _ => changes++));
        AngleSharp.Dom.IElement Toggle() => cut.FindComponents<MudBlazor.MudSwitch<bool>>()
            .Single(item => (string?)item.Instance.UserAttributes.GetValueOrDefault("data-testid")
                == "allow-return-to-initiator")
            .Find("input");

        Assert.That(Toggle().HasAttribute("checked"), Is.True, "allowed when not set");
        Toggle().Change(false);
        var disallowed = node.AllowReturnToInitiator;
        Toggle().Change(true);

        Assert.That(disallowed, Is.False);
        Assert.That(node.AllowReturnToInitiator, Is.Null);
        Assert.That(changes, Is.EqualTo(2));
    }

    [Test]
    public void Adding_an_assignee_rule_appends_a_role_rule()
    {
        var flow = OrderDefinitions.Flow();
        var node = flow.Nodes.Single(n => n.Id == OrderDefinitions.ManagerNode);
        var cut = Context.Render<NodePropertyPanel>(parameters => parameters
            .Add(p => p.Node, node)
            .Add(p => p.Flow, flow)
            .Add(p => p.Form, OrderDefinitions.Form()));

        cut.Find("[data-testid=assignee-add]").Click();

        Assert.That(node.Assignees, Has.Count.EqualTo(2));
        Assert.That(node.Assignees![1].Type, Is.EqualTo(AssigneeTypes.Role));
    }

    [Test]
    public void Condition_node_lists_its_branches_with_a_rule_builder_for_non_default_ones()
    {
        var flow = OrderDefinitions.Flow();
        var editor = new FlowEditor(flow);
        var condition = editor.AddNode(NodeTypes.Condition, OrderDefinitions.ManagerNode);
        editor.AddNode(NodeTypes.Approval, condition.Id);

        var cut = Context.Render<NodePropertyPanel>(parameters => parameters
            .Add(p => p.Node, condition)
            .Add(p => p.Flow, editor.Flow));

        Assert.That(cut.FindAll("[data-testid=branch]"), Has.Count.EqualTo(2));
        Assert.That(cut.FindAll("[data-testid=rule-builder]"), Has.Count.EqualTo(1));
    }

    [Test]
    public void Approval_with_two_edges_lists_outcome_branches()
    {
        var flow = OrderDefinitions.Flow();
        var node = flow.Nodes.Single(n => n.Id == OrderDefinitions.ManagerNode);
        flow.Edges.Single(edge => edge.Id == "e2").IsDefault = true;
        var rejected = new EdgeDefinition { Id = "e-rejected", From = node.Id, To = "start" };
        flow.Edges.Add(rejected);

        var cut = Context.Render<NodePropertyPanel>(parameters => parameters
            .Add(p => p.Node, node)
            .Add(p => p.Flow, flow)
            .Add(p => p.Form, OrderDefinitions.Form()));
        cut.Find("[data-testid=rule-add-group]").Click();

        Assert.That(cut.FindAll("[data-testid=branch]"), Has.Count.EqualTo(2));
        Assert.That(cut.FindAll("[data-testid=branch-default]"), Has.Count.EqualTo(2));
        Assert.That(cut.FindAll("[data-testid=outcome-branches-help]"), Has.Count.EqualTo(1));
        Assert.That(cut.FindAll("[data-testid=rule-builder]"), Has.Count.EqualTo(1));
        Assert.That(rejected.Condition!.Any!.Single().All.Single().Field, Is.EqualTo("nodes.manager-approval.outcome"));
    }

    [Test]
    public async Task Outcome_rule_offers_node_outcomes()
    {
        var (flow, node, rejected) = ApprovalWithRejectionBranch();
        rejected.Condition = Definitions.Conditions.Condition.AllOf(new Definitions.Conditions.Rule
        {
            Field = "nodes.manager-approval.outcome", Operator = Definitions.Conditions.RuleOperators.Equal,
        });
        var cut = Context.Render<NodePropertyPanel>(parameters => parameters
            .Add(p => p.Node, node)
            .Add(p => p.Flow, flow)
            .Add(p => p.Form, OrderDefinitions.Form()));
        var picker = cut.FindComponents<MudBlazor.MudSelect<string>>()
            .Single(select => Equals(select.Instance.UserAttributes.GetValueOrDefault("data-testid"), "rule-value-choice"));

        await cut.InvokeAsync(() => picker.Instance.OpenMenu());
        var choices = Popovers.FindAll(".mud-list-item").Select(item => item.TextContent.Trim()).ToList();
        await cut.InvokeAsync(() => picker.Instance.ValueChanged.InvokeAsync("rejected"));

        Assert.That(choices, Is.EqualTo(new[] { "Approved", "Rejected" }));
        Assert.That(rejected.Condition.Any![0].All[0].Value?.GetValue<string>(), Is.EqualTo("rejected"));
        Assert.That(cut.FindAll("[data-testid=rule-value]"), Is.Empty);
    }

    [Test]
    public void Ticking_default_moves_the_tick()
    {
        var (flow, node, rejected) = ApprovalWithRejectionBranch();
        var cut = Context.Render<NodePropertyPanel>(parameters => parameters
            .Add(p => p.Node, node)
            .Add(p => p.Flow, flow)
            .Add(p => p.Form, OrderDefinitions.Form()));

        DefaultBox(cut, rejected.Id).Change(true);
        cut.Render();

        Assert.That(flow.Edges.Where(edge => edge.From == node.Id && edge.IsDefault).Select(edge => edge.Id),
            Is.EqualTo(new[] { rejected.Id }));
        Assert.That(DefaultBox(cut, rejected.Id).HasAttribute("checked"), Is.True);
        Assert.That(DefaultBox(cut, "e2").HasAttribute("checked"), Is.False);
    }

    // The checkbox input of a branch's "Default" box; MudCheckBox may put the test id on the input or around it.
    private static AngleSharp.Dom.IElement DefaultBox(IRenderedComponent<NodePropertyPanel> cut, string edgeId)
    {
        var element = cut.Find($"[data-edge-id={edgeId}] [data-testid=branch-default]");
        return element.TagName == "INPUT" ? element : element.QuerySelector("input")!;
    }

    [Test]
    public void Approval_with_one_edge_has_no_branches()
    {
        var flow = OrderDefinitions.Flow();
        var node = flow.Nodes.Single(n => n.Id == OrderDefinitions.ManagerNode);

        var cut = Context.Render<NodePropertyPanel>(parameters => parameters
            .Add(p => p.Node, node)
            .Add(p => p.Flow, flow)
            .Add(p => p.Form, OrderDefinitions.Form()));

        Assert.That(cut.FindAll("[data-testid=branch]"), Is.Empty);
    }

    [Test]
    public void Fallback_recipients_added_and_removed()
    {
        var flow = OrderDefinitions.Flow();
        var node = new NodeDefinition
        {
            Id = "notify-warehouse", Type = NodeTypes.Notification,
            Recipients = [new AssigneeRule { Type = AssigneeTypes.Role, Value = "warehouse" }],
        };
        flow.Nodes.Add(node);
        var changes = 0;
        var cut = Context.Render<NodePropertyPanel>(parameters => parameters
            .Add(p => p.Node, node)
            .Add(p => p.Flow, flow)
            .Add(p => p.Changed, _ => changes++));
        var fallback = cut.Find("[data-testid=fallback-recipients]");
        Assert.That(fallback.QuerySelectorAll("[data-testid=assignee-row]"), Is.Empty);
        Assert.That(node.FallbackRecipients, Is.Null);

        fallback.QuerySelector("[data-testid=assignee-add]")!.Click();
        var role = cut.FindComponents<MudBlazor.MudSelect<string>>()
            .Where(select => select.Instance.Label == "Role").ToList();
        cut.InvokeAsync(() => role[^1].Instance.ValueChanged.InvokeAsync("admin"));

        Assert.That(node.FallbackRecipients, Has.Count.EqualTo(1));
        Assert.That(node.FallbackRecipients![0].Type, Is.EqualTo(AssigneeTypes.Role));
        Assert.That(node.FallbackRecipients[0].Value, Is.EqualTo("admin"));
        Assert.That(node.Recipients!.Single().Value, Is.EqualTo("warehouse"));
        Assert.That(changes, Is.EqualTo(2));
        Assert.That(WorkflowKit.Definitions.Json.DefinitionJson.Serialize(flow), Does.Contain("\"fallbackRecipients\""));

        cut.Find("[data-testid=fallback-recipients] [data-testid=assignee-row] button").Click();

        Assert.That(node.FallbackRecipients, Is.Null);
        Assert.That(changes, Is.EqualTo(3));
    }

    /// <summary>The order flow's manager approval with its usual edge e2 as default and a second edge e-rejected.</summary>
    private static (FlowDefinition Flow, NodeDefinition Node, EdgeDefinition Rejected) ApprovalWithRejectionBranch()
    {
        var flow = OrderDefinitions.Flow();
        var node = flow.Nodes.Single(n => n.Id == OrderDefinitions.ManagerNode);
        flow.Edges.Single(edge => edge.Id == "e2").IsDefault = true;
        var rejected = new EdgeDefinition { Id = "e-rejected", From = node.Id, To = "start" };
        flow.Edges.Add(rejected);
        return (flow, node, rejected);
    }
}
