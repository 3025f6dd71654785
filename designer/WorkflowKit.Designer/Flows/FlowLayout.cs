using WorkflowKit.Definitions.Flows;

namespace WorkflowKit.Designer.Flows;

/// <summary>
/// A layered layout from left to right: each node's layer is the length of the longest path
/// to it from the start, ignoring edges that loop back; nodes of a layer stack vertically.
/// </summary>
public static class FlowLayout
{
    public const double LayerWidth = 230;
    public const double RowHeight = 120;
    public const double Margin = 40;

    public static void Arrange(FlowDefinition flow)
    {
        ArgumentNullException.ThrowIfNull(flow);
        var layers = Layers(flow);
        var byLayer = flow.Nodes
            .GroupBy(node => layers.GetValueOrDefault(node.Id))
            .ToDictionary(group => group.Key, group => group.ToList());
        var tallest = byLayer.Values.Max(list => list.Count);
        foreach (var (layer, nodes) in byLayer)
        {
            var top = Margin + ((tallest - nodes.Count) * RowHeight / 2);
            for (var i = 0; i < nodes.Count; i++)
            {
                nodes[i].Position = new NodePosition { X = Margin + (layer * LayerWidth), Y = top + (i * RowHeight) };
            }
        }
    }

    /// <summary>
    /// The corners of a path around other nodes for an edge whose plain line would cross one, or nothing when that line
    /// is clear. The line runs from the middle of the right side of <paramref name="edge"/>'s source to the middle of
    /// the left side of its target. A detour leaves the source to the right, turns to a free horizontal lane, follows
    /// it and turns down or up to the target, entering from the left. An edge that runs back to the left (a loop back,
    /// or an edge between nodes of one layer) always takes a lane, which then also keeps clear of its own two nodes.
    /// Nodes are boxes of the given size at their positions.
    /// </summary>
    public static IReadOnlyList<NodePosition> Detour(FlowDefinition flow, EdgeDefinition edge, double nodeWidth, double nodeHeight)
    {
        ArgumentNullException.ThrowIfNull(flow);
        ArgumentNullException.ThrowIfNull(edge);
        var from = flow.Nodes.FirstOrDefault(node => node.Id == edge.From)?.Position;
        var to = flow.Nodes.FirstOrDefault(node => node.Id == edge.To)?.Position;
        if (from is null || to is null)
        {
            return [];
        }

        var startX = from.X + nodeWidth;
        var startY = from.Y + (nodeHeight / 2);
        var endX = to.X;
        var endY = to.Y + (nodeHeight / 2);
        // A forward edge turns halfway between its nodes when they stand closer than two steps.
        var forward = endX - startX >= 2 * MinDetourStep;
        var step = forward ? Math.Min(DetourStep, (endX - startX) / 2) : DetourStep;
        var outX = startX + step;
        var inX = endX - step;
        var left = Math.Min(outX, inX);
        var right = Math.Max(outX, inX);

        // Boxes, grown by the clearance, of the nodes over the stretch the lane would run along.
        var boxes = flow.Nodes
            .Where(node => node.Position is not null && (!forward || (node.Id != edge.From && node.Id != edge.To)))
            .Select(node => (Left: node.Position!.X - DetourClearance, Right: node.Position.X + nodeWidth + DetourClearance,
                Top: node.Position.Y - DetourClearance, Bottom: node.Position.Y + nodeHeight + DetourClearance))
            .Where(box => box.Right > left && box.Left < right)
            .ToList();
        if (forward && !boxes.Any(box => StraightLineCrosses(box, startX, startY, endX, endY)))
        {
            return [];
        }

        var lane = FreeLane(boxes, (startY + endY) / 2);
        return
        [
            new NodePosition { X = outX, Y = startY },
            new NodePosition { X = outX, Y = lane },
            new NodePosition { X = inX, Y = lane },
            new NodePosition { X = inX, Y = endY },
        ];
    }

    // How far a detour keeps from other nodes, and how far after the source and before the target it bends.
    private const double DetourClearance = 10;
    private const double DetourStep = 30;
    private const double MinDetourStep = 8;

    private static bool StraightLineCrosses(
        (double Left, double Right, double Top, double Bottom) box, double startX, double startY, double endX, double endY)
    {
        // The line's height over the box's horizontal extent, clipped to the line's own span.
        var left = Math.Max(box.Left, startX);
        var right = Math.Min(box.Right, endX);
        var slope = (endY - startY) / (endX - startX);
        var atLeft = startY + ((left - startX) * slope);
        var atRight = startY + ((right - startX) * slope);
        return Math.Max(atLeft, atRight) > box.Top && Math.Min(atLeft, atRight) < box.Bottom;
    }

    /// <summary>The height nearest to <paramref name="ideal"/> that lies inside none of the boxes.</summary>
    private static double FreeLane(List<(double Left, double Right, double Top, double Bottom)> boxes, double ideal)
    {
        var candidates = new List<double> { ideal };
        foreach (var box in boxes)
        {
            candidates.Add(box.Top - 1);
            candidates.Add(box.Bottom + 1);
        }

        // Between two boxes, the middle of the gap keeps the lane clear of both.
        var sorted = boxes.OrderBy(box => box.Top).ToList();
        var reach = double.NegativeInfinity;
        foreach (var box in sorted)
        {
            if (box.Top > reach && !double.IsNegativeInfinity(reach))
            {
                candidates.Add((reach + box.Top) / 2);
            }

            reach = Math.Max(reach, box.Bottom);
        }

        return candidates
            .Where(y => boxes.All(box => y <= box.Top || y >= box.Bottom))
            .OrderBy(y => Math.Abs(y - ideal))
            .First();
    }

    /// <summary>Longest-path layer of every node; unreachable nodes go to layer 0.</summary>
    public static Dictionary<string, int> Layers(FlowDefinition flow)
    {
        ArgumentNullException.ThrowIfNull(flow);
        var outgoing = flow.Edges.ToLookup(edge => edge.From, edge => edge.To);
        var backEdges = FindBackEdges(flow, outgoing);
        var incoming = flow.Nodes.ToDictionary(node => node.Id, _ => 0, StringComparer.Ordinal);
        foreach (var edge in flow.Edges.Where(edge => !backEdges.Contains((edge.From, edge.To))
                     && incoming.ContainsKey(edge.To) && incoming.ContainsKey(edge.From)))
        {
            incoming[edge.To]++;
        }

        // Kahn's algorithm over the acyclic part; a node's layer is one more than its deepest predecessor's.
        var layer = flow.Nodes.ToDictionary(node => node.Id, _ => 0, StringComparer.Ordinal);
        var ready = new Queue<string>(incoming.Where(pair => pair.Value == 0).Select(pair => pair.Key));
        while (ready.TryDequeue(out var id))
        {
            foreach (var next in outgoing[id].Where(next => !backEdges.Contains((id, next)) && layer.ContainsKey(next)))
            {
                layer[next] = Math.Max(layer[next], layer[id] + 1);
                if (--incoming[next] == 0)
                {
                    ready.Enqueue(next);
                }
            }
        }

        return layer;
    }

    private static HashSet<(string, string)> FindBackEdges(FlowDefinition flow, ILookup<string, string> outgoing)
    {
        var result = new HashSet<(string, string)>();
        var state = new Dictionary<string, int>(StringComparer.Ordinal);
        var roots = flow.Nodes.Where(node => node.Type == NodeTypes.Start).Concat(flow.Nodes);
        foreach (var root in roots)
        {
            Visit(root.Id);
        }

        return result;

        void Visit(string id)
        {
            if (state.GetValueOrDefault(id) != 0)
            {
                return;
            }

            state[id] = 1;
            foreach (var next in outgoing[id])
            {
                if (state.GetValueOrDefault(next) == 1)
                {
                    result.Add((id, next));
                }
                else
                {
                    Visit(next);
                }
            }

            state[id] = 2;
        }
    }
}
