using System.Text.Json;
using System.Text.Json.Nodes;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Definitions.Json;

namespace WorkflowKit.Designer.Flows;

/// <summary>What changed between two versions of a flow, node by node and edge by edge; positions are ignored.</summary>
public sealed record FlowDiff(
    IReadOnlyList<string> AddedNodes,
    IReadOnlyList<string> RemovedNodes,
    IReadOnlyDictionary<string, IReadOnlyList<string>> ChangedNodes,
    IReadOnlyList<string> AddedEdges,
    IReadOnlyList<string> RemovedEdges,
    IReadOnlyList<string> ChangedEdges)
{
    public bool IsEmpty => AddedNodes.Count + RemovedNodes.Count + ChangedNodes.Count + AddedEdges.Count
        + RemovedEdges.Count + ChangedEdges.Count == 0;

    public static FlowDiff Compute(FlowDefinition from, FlowDefinition to)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        var oldNodes = from.Nodes.ToDictionary(node => node.Id, Properties, StringComparer.Ordinal);
        var newNodes = to.Nodes.ToDictionary(node => node.Id, Properties, StringComparer.Ordinal);
        var changed = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var (id, properties) in newNodes)
        {
            if (oldNodes.TryGetValue(id, out var old))
            {
                var names = properties.Select(p => p.Key).Union(old.Select(p => p.Key))
                    .Where(name => !JsonNode.DeepEquals(properties[name], old[name]))
                    .Order(StringComparer.Ordinal)
                    .ToList();
                if (names.Count > 0)
                {
                    changed[id] = names;
                }
            }
        }

        // Edges are matched by their ends, since editing may renumber edge ids.
        var oldEdges = from.Edges.ToDictionary(EdgeKey, edge => Serialize(edge, "id"), StringComparer.Ordinal);
        var newEdges = to.Edges.ToDictionary(EdgeKey, edge => Serialize(edge, "id"), StringComparer.Ordinal);
        return new FlowDiff(
            [.. newNodes.Keys.Except(oldNodes.Keys)],
            [.. oldNodes.Keys.Except(newNodes.Keys)],
            changed,
            [.. newEdges.Keys.Except(oldEdges.Keys)],
            [.. oldEdges.Keys.Except(newEdges.Keys)],
            [.. newEdges.Where(pair => oldEdges.TryGetValue(pair.Key, out var old) && !JsonNode.DeepEquals(old, pair.Value))
                .Select(pair => pair.Key)]);
    }

    public static string EdgeKey(EdgeDefinition edge)
    {
        ArgumentNullException.ThrowIfNull(edge);
        return edge.From + " → " + edge.To;
    }

    private static JsonObject Properties(NodeDefinition node) => Serialize(node, "position");

    private static JsonObject Serialize<T>(T value, string ignored)
    {
        var json = JsonSerializer.SerializeToNode(value, DefinitionJson.Compact)!.AsObject();
        json.Remove(ignored);
        return json;
    }
}
