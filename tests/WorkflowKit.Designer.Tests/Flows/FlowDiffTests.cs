using WorkflowKit.Definitions.Flows;
using WorkflowKit.Designer.Flows;
using WorkflowKit.Designer.Tests.Support;
using WorkflowKit.Designer.Versions;

namespace WorkflowKit.Designer.Tests.Flows;

[TestFixture]
public sealed class FlowDiffTests
{
    [Test]
    public void Finance_branch_shows_as_added_nodes_and_rewired_edges()
    {
        var editor = new FlowEditor(OrderDefinitions.Flow());
        var condition = editor.AddNode(NodeTypes.Condition, OrderDefinitions.ManagerNode);
        var approval = editor.AddNode(NodeTypes.Approval, condition.Id);

        var diff = FlowDiff.Compute(OrderDefinitions.Flow(), editor.Flow);

        Assert.Multiple(() =>
        {
            Assert.That(diff.AddedNodes, Is.EquivalentTo(new[] { condition.Id, approval.Id }));
            Assert.That(diff.RemovedEdges, Is.EquivalentTo(new[] { $"{OrderDefinitions.ManagerNode} → end" }));
            Assert.That(diff.ChangedNodes, Is.Empty, "auto layout moves nodes, and positions are not changes");
        });
    }

    [Test]
    public void Changed_property_is_named()
    {
        var changed = OrderDefinitions.Flow();
        changed.Nodes.Single(n => n.Id == OrderDefinitions.ManagerNode).ApprovalMode = ApprovalModes.OrSign;

        var diff = FlowDiff.Compute(OrderDefinitions.Flow(), changed);

        Assert.That(diff.ChangedNodes[OrderDefinitions.ManagerNode], Is.EqualTo(new[] { "approvalMode" }));
    }

    [Test]
    public void Changed_deadline_gives_old_and_new_value()
    {
        var changed = OrderDefinitions.Flow();
        changed.Nodes.Single(n => n.Id == OrderDefinitions.ManagerNode).Deadline!.Duration = "P3D";

        var diff = FlowDiff.Compute(OrderDefinitions.Flow(), changed);

        Assert.That(diff.NodeChanges[OrderDefinitions.ManagerNode],
            Is.EqualTo(new[] { new ValueChange("deadline.duration", "P2D", "P3D") }));
    }

    [Test]
    public void Changed_assignee_is_named_by_path()
    {
        var changed = OrderDefinitions.Flow();
        changed.Nodes.Single(n => n.Id == OrderDefinitions.ManagerNode).Assignees![0].Value = "finance";

        var diff = FlowDiff.Compute(OrderDefinitions.Flow(), changed);

        Assert.That(diff.NodeChanges[OrderDefinitions.ManagerNode],
            Is.EqualTo(new[] { new ValueChange("assignees[0].value", "sales-manager", "finance") }));
    }

    [Test]
    public void Renamed_flow_is_a_flow_change()
    {
        var changed = OrderDefinitions.Flow();
        changed.Name = new WorkflowKit.Definitions.LocalizedText("订单审批（新）", "Order approval");

        var diff = FlowDiff.Compute(OrderDefinitions.Flow(), changed);

        Assert.That(diff.FlowChanges, Is.EqualTo(new[] { new ValueChange("name.zh-CN", "订单审批", "订单审批（新）") }));
        Assert.That(diff.IsEmpty, Is.False);
    }

    [Test]
    public void Edge_key_splits_into_ends()
    {
        var edge = new EdgeDefinition { Id = "e1", From = "start", To = OrderDefinitions.ManagerNode };

        Assert.That(FlowDiff.EdgeEnds(FlowDiff.EdgeKey(edge)), Is.EqualTo(("start", OrderDefinitions.ManagerNode)));
    }
}
