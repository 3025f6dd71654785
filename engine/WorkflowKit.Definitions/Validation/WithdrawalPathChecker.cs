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

    private static HashSet<string> CheckCancellation(CheckContext context, FlowGraph graph) =>
        graph.Flow.Settings?.OnCancel is { } path
            ? CheckPath(context, graph, path.Node, new EndingPathWords(
                "onCancel", CancelPointer, "cancellation", "cancel", "a cancel",
                DiagnosticCodes.CancellationPathNodeMissing, DiagnosticCodes.CancellationPathNotAutomatic))
            : new HashSet<string>(StringComparer.Ordinal);

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

        return CheckPath(context, graph, path.Node, new EndingPathWords(
            "onWithdraw", SettingPointer, "withdrawal", "withdrawal", "a withdrawal",
            DiagnosticCodes.WithdrawalPathNodeMissing, DiagnosticCodes.WithdrawalPathNotAutomatic));
    }

    /// <summary>
    /// Checks that the path's first node exists and that every node it can reach is automatic, and returns the ids of
    /// those nodes.
    /// </summary>
    private static HashSet<string> CheckPath(CheckContext context, FlowGraph graph, string? start, EndingPathWords words)
    {
        var flow = graph.Flow;
        if (string.IsNullOrWhiteSpace(start) || !graph.Nodes.ContainsKey(start))
        {
            context.Error(
                words.MissingCode, words.Pointer + "/node",
                $"settings.{words.Setting}.node is \"{start}\", which is not the id of a node of this flow. Set it to " +
                $"the id of the condition, script or record node where {words.Subject} continues.",
                ("node", start ?? string.Empty));
            return new HashSet<string>(StringComparer.Ordinal);
        }

        var onPath = FlowGraphChecker.Walk([start], id => graph.Outgoing[id].Select(e => flow.Edges[e].To));
        foreach (var (id, index) in graph.Nodes.Where(pair => onPath.Contains(pair.Key)).OrderBy(pair => pair.Value))
        {
            var type = flow.Nodes[index].Type;
            if (!WithdrawalPath.NodeTypesAllowed.Contains(type))
            {
                context.Error(
                    words.NotAutomaticCode, JsonPointers.Of("nodes", index, "type"),
                    $"Node \"{id}\" ({type}) is on the {words.PathName} path that starts at \"{start}\" " +
                    $"(settings.{words.Setting}), but the path runs inside the {words.Action} and cannot wait for a " +
                    "person, a timer, a call or a sub-flow. Use only condition, script, createRecord, updateRecord, " +
                    "notification and end nodes after it, or start the path at another node.",
                    ("node", id), ("type", type), ("start", start));
            }
        }

        return onPath;
    }

    /// <summary>The setting, pointer, wording and diagnostic codes of one kind of ending path.</summary>
    private sealed record EndingPathWords(
        string Setting, string Pointer, string PathName, string Action, string Subject, string MissingCode,
        string NotAutomaticCode);
}
