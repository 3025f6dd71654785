using System.Globalization;
using WorkflowKit.Definitions;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Definitions.Json;

namespace WorkflowKit.Designer.Flows;

/// <summary>
/// The flow being edited, with undo and redo. Every change goes through <see cref="Apply"/>,
/// which snapshots the document first, so the canvas, the property panel and the toolbar share
/// one history.
/// </summary>
public sealed class FlowEditor
{
    private const int HistoryLimit = 100;
    private readonly Stack<string> _undo = new();
    private readonly Stack<string> _redo = new();

    private string _snapshot;

    public FlowEditor(FlowDefinition flow)
    {
        Flow = flow;
        _snapshot = ToJson();
    }

    /// <summary>Raised after a change; the flag says whether nodes or edges were added or removed.</summary>
    public event Action<bool>? Changed;

    public FlowDefinition Flow { get; private set; }

    public bool CanUndo => _undo.Count > 0;

    public bool CanRedo => _redo.Count > 0;

    public bool IsDirty { get; set; }

    public string ToJson() => DefinitionJson.Serialize(Flow);

    public NodeDefinition? FindNode(string? id) => id is null ? null : Flow.Nodes.FirstOrDefault(node => node.Id == id);

    public EdgeDefinition? FindEdge(string? id) => id is null ? null : Flow.Edges.FirstOrDefault(edge => edge.Id == id);

    /// <summary>Runs a change on the document and commits it.</summary>
    public void Apply(Action<FlowDefinition> change, bool structural = false)
    {
        ArgumentNullException.ThrowIfNull(change);
        change(Flow);
        Commit(structural);
    }

    /// <summary>
    /// Records a change already made in place (property panels edit the definition objects
    /// directly): the state before it becomes one undo step.
    /// </summary>
    public void Commit(bool structural = false)
    {
        var current = ToJson();
        if (current == _snapshot)
        {
            return;
        }

        _undo.Push(_snapshot);
        if (_undo.Count > HistoryLimit)
        {
            var kept = _undo.Take(HistoryLimit).Reverse().ToList();
            _undo.Clear();
            kept.ForEach(_undo.Push);
        }

        _redo.Clear();
        _snapshot = current;
        IsDirty = true;
        Changed?.Invoke(structural);
    }

    public void Undo() => Restore(_undo, _redo);

    public void Redo() => Restore(_redo, _undo);

    /// <summary>Replaces the whole document, as a reload or an import does; the history starts again.</summary>
    public void Reset(FlowDefinition flow, bool dirty)
    {
        Flow = flow;
        _snapshot = ToJson();
        _undo.Clear();
        _redo.Clear();
        IsDirty = dirty;
        Changed?.Invoke(true);
    }

    /// <summary>
    /// Adds a node of a type. After a selected node, the new node is inserted on its way out
    /// (a condition node gets a new branch instead); otherwise it is placed free on the canvas.
    /// </summary>
    public NodeDefinition AddNode(string type, string? afterNodeId)
    {
        var node = new NodeDefinition { Id = NewNodeId(type), Type = type, Name = DefaultName(type) };
        if (NodeTypes.Human.Contains(type))
        {
            node.Assignees = [];
        }

        if (type == NodeTypes.Approval)
        {
            node.ApprovalMode = ApprovalModes.Single;
        }

        var after = FindNode(afterNodeId);
        Apply(flow =>
        {
            node.Position = after?.Position is { } at
                ? new NodePosition { X = at.X + 110, Y = at.Y + 110 }
                : new NodePosition { X = 60 + (flow.Nodes.Count * 40 % 400), Y = 380 };
            flow.Nodes.Add(node);
            if (after is null || after.Type == NodeTypes.End)
            {
                return;
            }

            InsertAfter(flow, after, node);
            FlowLayout.Arrange(flow);
        }, structural: true);
        return node;
    }

    /// <summary>
    /// Computes what <see cref="RemoveNode"/> would do to the edges around a node, without changing the flow.
    /// </summary>
    public NodeRemoval PlanRemoval(string nodeId)
    {
        var incoming = Flow.Edges.Where(edge => edge.To == nodeId && edge.From != nodeId).ToList();
        var outgoing = Flow.Edges.Where(edge => edge.From == nodeId && edge.To != nodeId).ToList();
        var reconnects = incoming.Count == 1 && outgoing.Count == 1
            && incoming[0].From != outgoing[0].To
            && !Flow.Edges.Any(edge => edge.From == incoming[0].From && edge.To == outgoing[0].To);

        var remaining = Flow.Edges.Where(edge => edge.From != nodeId && edge.To != nodeId).ToList();
        if (reconnects)
        {
            remaining.Add(new EdgeDefinition { From = incoming[0].From, To = outgoing[0].To });
        }

        var withoutOutgoing = incoming.Select(edge => edge.From).Distinct(StringComparer.Ordinal)
            .Where(id => FindNode(id)?.Type != NodeTypes.End && !remaining.Any(edge => edge.From == id))
            .ToList();
        var withoutIncoming = outgoing.Select(edge => edge.To).Distinct(StringComparer.Ordinal)
            .Where(id => FindNode(id)?.Type != NodeTypes.Start && !remaining.Any(edge => edge.To == id))
            .ToList();
        return new NodeRemoval(nodeId, incoming, outgoing, reconnects, withoutOutgoing, withoutIncoming);
    }

    /// <summary>
    /// Deletes a node and its edges as one undo step. A node with one incoming and one outgoing edge is cut out of
    /// its chain: the incoming edge, with its condition and label, then leads to the node's successor.
    /// </summary>
    public void RemoveNode(string nodeId)
    {
        var removal = PlanRemoval(nodeId);
        Apply(flow =>
        {
            if (removal.Reconnects)
            {
                // The plan contains the flow's own edge objects, so this retargets the edge in place.
                removal.Incoming[0].To = removal.Outgoing[0].To;
            }

            flow.Nodes.RemoveAll(node => node.Id == nodeId);
            flow.Edges.RemoveAll(edge => edge.From == nodeId || edge.To == nodeId);
        }, structural: true);
    }

    public EdgeDefinition? Connect(string from, string to)
    {
        if (from == to || Flow.Edges.Any(edge => edge.From == from && edge.To == to)
            || FindNode(from) is null || FindNode(to) is null)
        {
            return null;
        }

        var edge = new EdgeDefinition { Id = NewEdgeId(), From = from, To = to };
        Apply(flow => flow.Edges.Add(edge), structural: true);
        return edge;
    }

    public void RemoveEdge(string edgeId) =>
        Apply(flow => flow.Edges.RemoveAll(edge => edge.Id == edgeId), structural: true);

    public void MoveNode(string nodeId, double x, double y)
    {
        var node = FindNode(nodeId);
        if (node?.Position is { } position && Math.Abs(position.X - x) < 0.5 && Math.Abs(position.Y - y) < 0.5)
        {
            return;
        }

        if (node is not null)
        {
            Apply(_ => node.Position = new NodePosition { X = Math.Round(x), Y = Math.Round(y) });
        }
    }

    public void AutoLayout() => Apply(FlowLayout.Arrange, structural: true);

    // A node inserted after another takes over its outgoing edges; after a branching node it
    // becomes a new branch instead. An end node takes over nothing.
    private void InsertAfter(FlowDefinition flow, NodeDefinition after, NodeDefinition node)
    {
        if (after.Type is NodeTypes.Condition or NodeTypes.ParallelSplit)
        {
            flow.Edges.Add(new EdgeDefinition { Id = NewEdgeId(), From = after.Id, To = node.Id });
            return;
        }

        var outgoing = flow.Edges.Where(edge => edge.From == after.Id).ToList();
        if (node.Type == NodeTypes.End)
        {
            flow.Edges.RemoveAll(outgoing.Contains);
        }
        else
        {
            outgoing.ForEach(edge => edge.From = node.Id);
        }

        if (node.Type == NodeTypes.Condition && outgoing.Count > 0)
        {
            outgoing[0].IsDefault = true;
        }

        flow.Edges.Add(new EdgeDefinition { Id = NewEdgeId(), From = after.Id, To = node.Id });
    }

    private void Restore(Stack<string> from, Stack<string> to)
    {
        if (from.Count == 0)
        {
            return;
        }

        to.Push(_snapshot);
        _snapshot = from.Pop();
        Flow = DefinitionJson.Deserialize<FlowDefinition>(_snapshot);
        IsDirty = true;
        Changed?.Invoke(true);
    }

    private string NewNodeId(string type)
    {
        for (var i = 1; ; i++)
        {
            var id = type + i.ToString(CultureInfo.InvariantCulture);
            if (FindNode(id) is null)
            {
                return id;
            }
        }
    }

    private string NewEdgeId()
    {
        for (var i = Flow.Edges.Count + 1; ; i++)
        {
            var id = "e" + i.ToString(CultureInfo.InvariantCulture);
            if (FindEdge(id) is null)
            {
                return id;
            }
        }
    }

    private static LocalizedText DefaultName(string type) => type switch
    {
        NodeTypes.Start => new LocalizedText("开始", "Start"),
        NodeTypes.End => new LocalizedText("结束", "End"),
        NodeTypes.Approval => new LocalizedText("审批", "Approval"),
        NodeTypes.FillIn => new LocalizedText("填写", "Fill in"),
        NodeTypes.CarbonCopy => new LocalizedText("抄送", "CC"),
        NodeTypes.Condition => new LocalizedText("条件分支", "Condition"),
        NodeTypes.ParallelSplit => new LocalizedText("并行分支", "Parallel split"),
        NodeTypes.ParallelJoin => new LocalizedText("并行汇聚", "Parallel join"),
        NodeTypes.CreateRecord => new LocalizedText("新增记录", "Create record"),
        NodeTypes.UpdateRecord => new LocalizedText("更新记录", "Update record"),
        NodeTypes.Http => new LocalizedText("HTTP 调用", "HTTP call"),
        NodeTypes.Script => new LocalizedText("脚本", "Script"),
        NodeTypes.Notification => new LocalizedText("通知", "Notification"),
        NodeTypes.SubFlow => new LocalizedText("子流程", "Sub-flow"),
        NodeTypes.Timer => new LocalizedText("等待", "Timer"),
        _ => new LocalizedText(type),
    };
}
