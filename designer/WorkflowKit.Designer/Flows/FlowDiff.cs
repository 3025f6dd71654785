using System.Text.Json;
using System.Text.Json.Nodes;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Definitions.Json;
using WorkflowKit.Designer.Versions;

namespace WorkflowKit.Designer.Flows;

/// <summary>
/// What changed between two versions of a flow, node by node and edge by edge. Positions are ignored.
/// <see cref="NodeChanges"/> and <see cref="EdgeChanges"/> give the old and new value of each changed property, and
/// <see cref="FlowChanges"/> those of the flow's own properties, such as its name, form and settings.
/// </summary>
public sealed record FlowDiff(
    IReadOnlyList<string> AddedNodes,
    IReadOnlyList<string> RemovedNodes,
    IReadOnlyDictionary<string, IReadOnlyList<string>> ChangedNodes,
    IReadOnlyList<string> AddedEdges,
    IReadOnlyList<string> RemovedEdges,
    IReadOnlyList<string> ChangedEdges,
    IReadOnlyDictionary<string, IReadOnlyList<ValueChange>> NodeChanges,
    IReadOnlyDictionary<string, IReadOnlyList<ValueChange>> EdgeChanges,
    IReadOnlyList<ValueChange> FlowChanges)
{
    public bool IsEmpty => AddedNodes.Count + RemovedNodes.Count + ChangedNodes.Count + AddedEdges.Count
        + RemovedEdges.Count + ChangedEdges.Count + FlowChanges.Count == 0;

    public static FlowDiff Compute(FlowDefinition from, FlowDefinition to)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        var oldNodes = from.Nodes.ToDictionary(node => node.Id, Properties, StringComparer.Ordinal);
        var newNodes = to.Nodes.ToDictionary(node => node.Id, Properties, StringComparer.Ordinal);
        var changed = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var nodeChanges = new Dictionary<string, IReadOnlyList<ValueChange>>(StringComparer.Ordinal);
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
                    nodeChanges[id] = ValueChanges.Compare(old, properties);
                }
            }
        }

        // Edges are matched by their ends, since editing may renumber edge ids.
        var oldEdges = from.Edges.ToDictionary(EdgeKey, edge => Serialize(edge, "id"), StringComparer.Ordinal);
        var newEdges = to.Edges.ToDictionary(EdgeKey, edge => Serialize(edge, "id"), StringComparer.Ordinal);
        var edgeChanges = newEdges
            .Where(pair => oldEdges.TryGetValue(pair.Key, out var old) && !JsonNode.DeepEquals(old, pair.Value))
            .ToDictionary(
                pair => pair.Key, pair => ValueChanges.Compare(oldEdges[pair.Key], pair.Value), StringComparer.Ordinal);
        return new FlowDiff(
            [.. newNodes.Keys.Except(oldNodes.Keys)],
            [.. oldNodes.Keys.Except(newNodes.Keys)],
            changed,
            [.. newEdges.Keys.Except(oldEdges.Keys)],
            [.. oldEdges.Keys.Except(newEdges.Keys)],
            [.. edgeChanges.Keys],
            nodeChanges,
            edgeChanges,
            ValueChanges.Compare(Serialize(from, "nodes"), Serialize(to, "nodes"), "edges"));
    }

    /// <summary>Returns the ids of an edge key made by <see cref="EdgeKey"/>: its source and target node.</summary>
    public static (string From, string To) EdgeEnds(string edgeKey)
    {
        ArgumentNullException.ThrowIfNull(edgeKey);
        var parts = edgeKey.Split(" → ", 2);
        return (parts[0], parts.Length > 1 ? parts[1] : string.Empty);
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
