using WorkflowKit.Definitions.Diagnostics;
using WorkflowKit.Definitions.Documents;
using WorkflowKit.Definitions.Flows;

namespace WorkflowKit.Definitions.Validation;

/// <summary>
/// Checks the withdrawal path that <c>settings.onWithdraw</c> names: the node exists (WK1336), every node the path
/// can reach is automatic (WK1337), and the flow allows withdrawing (WK1338). Checks the cancellation path that
/// <c>settings.onCancel</c> names the same way (WK1346, WK1347). Whether each node of a path reaches an end is the
/// graph's general check (WK1308).
/// </summary>
internal static class WithdrawalPathChecker
{
    private const string SettingPointer = "/settings/onWithdraw";

    private const string CancelPointer = "/settings/onCancel";

    /// <summary>Returns the ids of the nodes that the withdrawal and cancellation paths can reach.</summary>
    public static HashSet<string> Check(CheckContext context, FlowGraph graph)
    {
        var onPaths = CheckWithdrawal(context, graph);
        onPaths.UnionWith(CheckCancellation(context, graph));
        return onPaths;
    }

    private static HashSet<string> CheckCancellation(CheckContext context, FlowGraph graph)
    {
        var flow = graph.Flow;
        if (flow.Settings?.OnCancel is not { } path)
        {
            return new HashSet<string>(StringComparer.Ordinal);
        }

        if (string.IsNullOrWhiteSpace(path.Node) || !graph.Nodes.ContainsKey(path.Node))
        {
            context.Error(
                DiagnosticCodes.CancellationPathNodeMissing, CancelPointer + "/node",
                $"settings.onCancel.node is \"{path.Node}\", which is not the id of a node of this flow. Set it to " +
                "the id of the condition, script or record node where a cancel continues.",
                ("node", path.Node ?? string.Empty));
            return new HashSet<string>(StringComparer.Ordinal);
        }

        var onPath = FlowGraphChecker.Walk([path.Node], id => graph.Outgoing[id].Select(e => flow.Edges[e].To));
        foreach (var (id, index) in graph.Nodes.Where(pair => onPath.Contains(pair.Key)).OrderBy(pair => pair.Value))
        {
            var type = flow.Nodes[index].Type;
            if (!WithdrawalPath.NodeTypesAllowed.Contains(type))
            {
                context.Error(
                    DiagnosticCodes.CancellationPathNotAutomatic, JsonPointers.Of("nodes", index, "type"),
                    $"Node \"{id}\" ({type}) is on the cancellation path that starts at \"{path.Node}\" " +
                    "(settings.onCancel), but the path runs inside the cancel and cannot wait for a person, a timer, " +
                    "a call or a sub-flow. Use only condition, script, createRecord, updateRecord, notification and " +
                    "end nodes after it, or start the path at another node.",
                    ("node", id), ("type", type), ("start", path.Node));
            }
        }

        return onPath;
    }

    private static HashSet<string> CheckWithdrawal(CheckContext context, FlowGraph graph)
    {
        var flow = graph.Flow;
        if (flow.Settings?.OnWithdraw is not { } path)
        {
            return new HashSet<string>(StringComparer.Ordinal);
        }

        if (flow.Settings.AllowWithdraw == false)
        {
            context.Error(
                DiagnosticCodes.WithdrawalPathWithoutWithdraw, SettingPointer,
                "settings.onWithdraw names the path a withdrawal takes, but settings.allowWithdraw is false, so no " +
                "instance can be withdrawn. Remove \"allowWithdraw\": false or remove onWithdraw.");
        }

        if (string.IsNullOrWhiteSpace(path.Node) || !graph.Nodes.ContainsKey(path.Node))
        {
            context.Error(
                DiagnosticCodes.WithdrawalPathNodeMissing, SettingPointer + "/node",
                $"settings.onWithdraw.node is \"{path.Node}\", which is not the id of a node of this flow. Set it to " +
                "the id of the condition, script or record node where a withdrawal continues.",
                ("node", path.Node ?? string.Empty));
            return new HashSet<string>(StringComparer.Ordinal);
        }

        var onPath = FlowGraphChecker.Walk([path.Node], id => graph.Outgoing[id].Select(e => flow.Edges[e].To));
        foreach (var (id, index) in graph.Nodes.Where(pair => onPath.Contains(pair.Key)).OrderBy(pair => pair.Value))
        {
            var type = flow.Nodes[index].Type;
            if (!WithdrawalPath.NodeTypesAllowed.Contains(type))
            {
                context.Error(
                    DiagnosticCodes.WithdrawalPathNotAutomatic, JsonPointers.Of("nodes", index, "type"),
                    $"Node \"{id}\" ({type}) is on the withdrawal path that starts at \"{path.Node}\" " +
                    "(settings.onWithdraw), but the path runs inside the withdrawal and cannot wait for a person, a " +
                    "timer, a call or a sub-flow. Use only condition, script, createRecord, updateRecord, notification " +
                    "and end nodes after it, or start the path at another node.",
                    ("node", id), ("type", type), ("start", path.Node));
            }
        }

        return onPath;
    }
}
