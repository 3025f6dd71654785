using WorkflowKit.Definitions.Flows;
using WorkflowKit.Designer.Flows;
using WorkflowKit.Designer.Tests.Support;

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
}
