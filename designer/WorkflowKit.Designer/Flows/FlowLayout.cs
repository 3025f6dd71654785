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
