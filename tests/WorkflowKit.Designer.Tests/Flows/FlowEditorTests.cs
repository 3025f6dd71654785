using WorkflowKit.Definitions.Flows;
using WorkflowKit.Designer.Flows;
using WorkflowKit.Designer.Tests.Support;

namespace WorkflowKit.Designer.Tests.Flows;

[TestFixture]
public sealed class FlowEditorTests
{
    [Test]
    public void AddNode_after_a_node_takes_over_its_outgoing_edge()
    {
        var editor = new FlowEditor(OrderDefinitions.Flow());

        var added = editor.AddNode(NodeTypes.CarbonCopy, OrderDefinitions.ManagerNode);

        var edges = editor.Flow.Edges.Select(e => (e.From, e.To)).ToList();
        Assert.That(edges, Is.EquivalentTo(new[]
        {
            ("start", OrderDefinitions.ManagerNode), (OrderDefinitions.ManagerNode, added.Id), (added.Id, "end"),
        }));
    }

    [Test]
    public void Inserted_condition_keeps_the_old_path_as_its_default_branch()
    {
        var editor = new FlowEditor(OrderDefinitions.Flow());

        var condition = editor.AddNode(NodeTypes.Condition, OrderDefinitions.ManagerNode);

        var outgoing = editor.Flow.Edges.Single(e => e.From == condition.Id);
        Assert.That((outgoing.To, outgoing.IsDefault), Is.EqualTo(("end", true)));
    }

    [Test]
    public void AddNode_after_a_condition_adds_a_branch()
    {
        var editor = new FlowEditor(OrderDefinitions.Flow());
        var condition = editor.AddNode(NodeTypes.Condition, OrderDefinitions.ManagerNode);

        var approval = editor.AddNode(NodeTypes.Approval, condition.Id);

        Assert.That(editor.Flow.Edges.Where(e => e.From == condition.Id).Select(e => e.To), Is.EquivalentTo(new[] { "end", approval.Id }));
        Assert.That(editor.Flow.Edges.Any(e => e.From == approval.Id), Is.False);
    }

    [Test]
    public void Undo_and_redo_walk_through_edits_made_in_place()
    {
        var editor = new FlowEditor(OrderDefinitions.Flow());
        var before = editor.ToJson();
        editor.FindNode(OrderDefinitions.ManagerNode)!.ApprovalMode = ApprovalModes.Countersign;
        editor.Commit();
        var after = editor.ToJson();

        editor.Undo();
        var undone = editor.ToJson();
        editor.Redo();

        Assert.Multiple(() =>
        {
            Assert.That(undone, Is.EqualTo(before));
            Assert.That(editor.ToJson(), Is.EqualTo(after));
            Assert.That(editor.CanRedo, Is.False);
        });
    }

    [Test]
    public void Commit_without_a_change_adds_no_undo_step()
    {
        var editor = new FlowEditor(OrderDefinitions.Flow());

        editor.Commit();

        Assert.That(editor.CanUndo, Is.False);
    }

    [Test]
    public void RemoveNode_removes_its_edges()
    {
        var editor = new FlowEditor(OrderDefinitions.Flow());

        editor.RemoveNode(OrderDefinitions.ManagerNode);

        Assert.That(editor.Flow.Edges.Any(e => e.From == OrderDefinitions.ManagerNode || e.To == OrderDefinitions.ManagerNode), Is.False);
    }

    [Test]
    public void Connect_refuses_self_loops_and_duplicates()
    {
        var editor = new FlowEditor(OrderDefinitions.Flow());

        var self = editor.Connect("end", "end");
        var duplicate = editor.Connect("start", OrderDefinitions.ManagerNode);
        var added = editor.Connect("start", "end");

        Assert.That((self, duplicate, added?.To), Is.EqualTo((null as EdgeDefinition, null as EdgeDefinition, "end")));
    }
}
