using WorkflowKit.Definitions;
using WorkflowKit.Definitions.Conditions;
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
    public void RemoveNode_in_chain_joins_neighbours()
    {
        var editor = new FlowEditor(OrderDefinitions.Flow());
        var incoming = editor.Flow.Edges.Single(edge => edge.To == OrderDefinitions.ManagerNode);
        incoming.Label = new LocalizedText("提交后", "After submit");
        incoming.Priority = 2;
        editor.Commit();

        var removal = editor.PlanRemoval(OrderDefinitions.ManagerNode);
        editor.RemoveNode(OrderDefinitions.ManagerNode);

        var edge = editor.Flow.Edges.Single();
        Assert.That(removal.Reconnects, Is.True);
        Assert.That(removal.NeedsConfirmation, Is.False);
        Assert.That((edge.Id, edge.From, edge.To), Is.EqualTo(("e1", "start", "end")));
        Assert.That(edge.Label!.Get("en"), Is.EqualTo("After submit"));
        Assert.That(edge.Priority, Is.EqualTo(2));
        Assert.That(editor.FindNode(OrderDefinitions.ManagerNode), Is.Null);
    }

    [Test]
    public void RemoveNode_undo_restores_node_and_edges()
    {
        var editor = new FlowEditor(OrderDefinitions.Flow());
        var before = editor.ToJson();

        editor.RemoveNode(OrderDefinitions.ManagerNode);
        editor.Undo();

        Assert.That(editor.ToJson(), Is.EqualTo(before));
        Assert.That(editor.Flow.Edges.Select(edge => (edge.From, edge.To)), Is.EqualTo(new[]
        {
            ("start", OrderDefinitions.ManagerNode), (OrderDefinitions.ManagerNode, "end"),
        }));
    }

    [Test]
    public void RemoveNode_keeps_condition_of_incoming_branch()
    {
        var editor = new FlowEditor(OrderDefinitions.Flow());
        var condition = editor.AddNode(NodeTypes.Condition, "start");
        var branch = editor.Flow.Edges.Single(edge => edge.From == condition.Id);
        branch.IsDefault = false;
        branch.Condition = new Condition { JavaScript = "form.amount > 100" };
        editor.Commit();

        editor.RemoveNode(OrderDefinitions.ManagerNode);

        var joined = editor.Flow.Edges.Single(edge => edge.From == condition.Id);
        Assert.That(joined.To, Is.EqualTo("end"));
        Assert.That(joined.Condition!.JavaScript, Is.EqualTo("form.amount > 100"));
    }

    [Test]
    public void PlanRemoval_of_branching_node_lists_unconnected()
    {
        var editor = new FlowEditor(OrderDefinitions.Flow());
        var condition = editor.AddNode(NodeTypes.Condition, "start");
        var review = editor.AddNode(NodeTypes.Approval, condition.Id);

        var removal = editor.PlanRemoval(condition.Id);
        editor.RemoveNode(condition.Id);

        Assert.That(removal.Reconnects, Is.False);
        Assert.That(removal.NeedsConfirmation, Is.True);
        Assert.That(removal.Outgoing.Select(edge => edge.To), Is.EquivalentTo(new[] { OrderDefinitions.ManagerNode, review.Id }));
        Assert.That(removal.WithoutOutgoing, Is.EqualTo(new[] { "start" }));
        Assert.That(removal.WithoutIncoming, Is.EquivalentTo(new[] { OrderDefinitions.ManagerNode, review.Id }));
        Assert.That(editor.Flow.Edges.Any(edge => edge.From == condition.Id || edge.To == condition.Id), Is.False);
    }

    [Test]
    public void PlanRemoval_of_end_node_names_predecessor()
    {
        var editor = new FlowEditor(OrderDefinitions.Flow());

        var removal = editor.PlanRemoval("end");

        Assert.That(removal.Reconnects, Is.False);
        Assert.That(removal.NeedsConfirmation, Is.True);
        Assert.That(removal.WithoutOutgoing, Is.EqualTo(new[] { OrderDefinitions.ManagerNode }));
        Assert.That(removal.WithoutIncoming, Is.Empty);
    }

    [Test]
    public void PlanRemoval_of_unconnected_node_needs_no_confirmation()
    {
        var editor = new FlowEditor(OrderDefinitions.Flow());
        var loose = editor.AddNode(NodeTypes.Script, null);

        var removal = editor.PlanRemoval(loose.Id);

        Assert.That((removal.Reconnects, removal.NeedsConfirmation), Is.EqualTo((false, false)));
    }

    [Test]
    public void RemoveNode_does_not_duplicate_existing_edge()
    {
        var editor = new FlowEditor(OrderDefinitions.Flow());
        editor.Connect("start", "end");

        var removal = editor.PlanRemoval(OrderDefinitions.ManagerNode);
        editor.RemoveNode(OrderDefinitions.ManagerNode);

        Assert.That(removal.Reconnects, Is.False);
        Assert.That(removal.NeedsConfirmation, Is.False);
        Assert.That(editor.Flow.Edges.Select(edge => (edge.From, edge.To)), Is.EqualTo(new[] { ("start", "end") }));
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
