using WorkflowKit.Definitions.Flows;
using WorkflowKit.Designer.Flows;
using WorkflowKit.Designer.Localization;
using WorkflowKit.Designer.Services;
using WorkflowKit.Runtime.Migration;
using WorkflowKit.Runtime.Storage;

namespace WorkflowKit.Designer.Portal;

/// <summary>
/// Words a migration plan for the instance page, in the page's language. The engine's English messages are written
/// for the CLI and name ids. This text names nodes by their display names (with the id where two nodes of a version
/// share a name), node types by their palette names and people by their display names. A problem without the
/// arguments its code needs keeps the engine's message.
/// </summary>
public sealed class MigrationText(UiText text, MigrationPreview preview)
{
    private const string MapCommand = "workflowkit instance migrate --map";

    private UiText T { get; } = text;

    /// <summary>Returns "task" or "position" for the first column of an item.</summary>
    public string Kind(MigrationItem item) => T[item.Kind == MigrationItemKinds.Task ? "Task" : "Position"];

    /// <summary>
    /// Returns the item's node in both versions by display name, such as <c>"Credit review" → "Credit review"</c>.
    /// The table shows <see cref="NodeIds"/> under it, so the names carry no ids.
    /// </summary>
    public string Nodes(MigrationItem item) =>
        $"{DisplayName(preview.Source, item.SourceNodeId)} → " +
        (item.TargetNodeId is null ? "–" : DisplayName(preview.Target, item.TargetNodeId));

    /// <summary>Returns the item's node ids in both versions, such as <c>manager → manager</c>.</summary>
    public static string NodeIds(MigrationItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return $"{item.SourceNodeId} → {item.TargetNodeId ?? "–"}";
    }

    /// <summary>Returns the type of the item's node by its palette name, such as "Approval".</summary>
    public string NodeType(MigrationItem item) => T[FlowNodeWidget.TypeLabel(item.NodeType)];

    /// <summary>Returns the assignee of a task, or what a token waits for.</summary>
    public string Detail(MigrationItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (item.Kind == MigrationItemKinds.Task)
        {
            return item.Detail is null ? T["nobody"] : preview.UserNames.GetValueOrDefault(item.Detail, item.Detail);
        }

        return item.Detail switch
        {
            WaitKinds.Join => Arrival(item),
            WaitKinds.Task => T["waits for its task"],
            WaitKinds.Timer => T["waits for a timer"],
            WaitKinds.SubFlow => T["waits for a sub-flow"],
            WaitKinds.Outbox => T["waits for a reply"],
            WaitKinds.Retry => T["waits to retry"],
            WaitKinds.Incident => T["stopped at a fault"],
            _ => T["about to run"],
        };
    }

    /// <summary>Returns the problem as one or two sentences with advice.</summary>
    public string Problem(MigrationProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var arguments = problem.Arguments;
        string Argument(string name) => arguments.GetValueOrDefault(name, string.Empty);
        var source = $"{preview.Plan.SourceVersion}";
        var target = Argument("targetVersion");
        if (!HasArguments(problem))
        {
            return problem.Message;
        }

        var join = NodeName(preview.Target, Argument("targetJoin"));
        var from = NodeName(preview.Source, Argument("node"));
        return problem.Code switch
        {
            MigrationProblemCodes.InstanceNotRunning => T["This submission has ended, so it cannot move to another version."],
            MigrationProblemCodes.TargetNotPublished => T.Format(
                "Version {0} of this flow is not published. Publish it first.", target),
            MigrationProblemCodes.SameVersion => T.Format("This submission already runs version {0}.", target),
            MigrationProblemCodes.OtherFlow => T.Format("Version {0} belongs to another flow.", target),
            MigrationProblemCodes.InvalidMapping => T.Format(
                "The mapping {0}={1} names a node or connection that does not exist.", Argument("from"), Argument("to")),
            MigrationProblemCodes.NodeMissing => T.Format(
                "Node {0} has a waiting position or an open task, but version {1} has no such node. Let the submission finish on its version, or map the node to one of version {1} with {2} {3}=NEW_ID.",
                NodeName(preview.Source, Argument("node")), target, MapCommand, Argument("node")),
            MigrationProblemCodes.NodeKindChanged => T.Format(
                "Node {0} is of type {1}, but in version {2} it is of type {3}. Let the submission finish on its version.",
                NodeName(preview.Source, Argument("node")), T[FlowNodeWidget.TypeLabel(Argument("kind"))], target,
                T[FlowNodeWidget.TypeLabel(Argument("targetKind"))]),
            MigrationProblemCodes.JoinChanged => T.Format(
                "In version {0}, the join {1} closes other parallel splits, so the branches waiting there cannot move. Let the submission finish on version {2}.",
                target, join, source),
            MigrationProblemCodes.JoinBranchRemoved when Argument("nodeMissing") == "true" => T.Format(
                "The branch from {0} has already arrived at {1}, but version {2} has no node {0}, so the join could not count that arrival. If the node was renamed, map it with {3} {4}=NEW_ID. Otherwise let the submission finish on version {5}.",
                from, join, target, MapCommand, Argument("node"), source),
            MigrationProblemCodes.JoinBranchRemoved => T.Format(
                "The branch from {0} has already arrived at {1}, but in version {2} node {0} no longer leads into {1}, so the join could not count that arrival. Connect {0} to {1} again in a new version, map the arrival with {3} {4}=EDGE_ID, or let the submission finish on version {5}.",
                from, join, target, MapCommand, Argument("edge"), source),
            MigrationProblemCodes.JoinBranchAmbiguous => T.Format(
                "The branch from {0} has already arrived at {1}, but in version {2} node {0} leads into {1} on several connections ({3}), so the arrival cannot be counted for one of them. Map it with {4} {5}=EDGE_ID, or let the submission finish on version {6}.",
                from, join, target, Candidates(Argument("edges")), MapCommand, Argument("edge"), source),
            MigrationProblemCodes.JoinBranchesMerged => T.Format(
                "Two branches that have already arrived at {0} enter it on one connection in version {1}, so the join would count one branch twice. Let the submission finish on version {2}.",
                join, target, source),
            _ => problem.Message,
        };
    }

    /// <summary>
    /// Returns a node's quoted display name, with its id when another node of the version has the same name.
    /// </summary>
    public string NodeName(FlowDefinition flow, string nodeId)
    {
        ArgumentNullException.ThrowIfNull(flow);
        var name = flow.Nodes.FirstOrDefault(node => node.Id == nodeId)?.Name?.Get(T.Culture);
        if (string.IsNullOrWhiteSpace(name))
        {
            return T.Format("\"{0}\"", nodeId);
        }

        var shared = flow.Nodes.Count(node => node.Name?.Get(T.Culture) == name) > 1;
        return shared ? T.Format("\"{0}\" ({1})", name, nodeId) : T.Format("\"{0}\"", name);
    }

    private string DisplayName(FlowDefinition flow, string nodeId)
    {
        var name = flow.Nodes.FirstOrDefault(node => node.Id == nodeId)?.Name?.Get(T.Culture);
        return T.Format("\"{0}\"", string.IsNullOrWhiteSpace(name) ? nodeId : name);
    }

    private static bool HasArguments(MigrationProblem problem) => problem.Code switch
    {
        MigrationProblemCodes.InstanceNotRunning => true,
        MigrationProblemCodes.InvalidMapping => problem.Arguments.ContainsKey("from"),
        MigrationProblemCodes.NodeMissing or MigrationProblemCodes.NodeKindChanged => problem.Arguments.ContainsKey("node"),
        MigrationProblemCodes.JoinChanged or MigrationProblemCodes.JoinBranchRemoved
            or MigrationProblemCodes.JoinBranchAmbiguous or MigrationProblemCodes.JoinBranchesMerged =>
            problem.Arguments.ContainsKey("targetJoin"),
        _ => problem.Arguments.ContainsKey("targetVersion"),
    };

    /// <summary>
    /// Returns where a token waiting at a join came from and, when it changes, which branch it counts for.
    /// </summary>
    private string Arrival(MigrationItem item)
    {
        var arrivedFrom = Origin(preview.Source, item.SourceEdgeId);
        if (arrivedFrom is null)
        {
            return T["waits at the join"];
        }

        var countsFor = Origin(preview.Target, item.TargetEdgeId);
        return countsFor is null || item.TargetEdgeId == item.SourceEdgeId
            ? T.Format("arrived from {0}", arrivedFrom)
            : T.Format("arrived from {0}, counts for the branch from {1}", arrivedFrom, countsFor);
    }

    private string? Origin(FlowDefinition flow, string? edgeId) =>
        flow.Edges.FirstOrDefault(edge => edge.Id == edgeId) is { } edge ? NodeName(flow, edge.From) : null;

    private string Candidates(string edges) => string.Join(
        T.IsChinese ? "；" : "; ",
        edges.Split(", ", StringSplitOptions.RemoveEmptyEntries)
            .Select(edge => T.Format("from {0}: {1}", Origin(preview.Target, edge) ?? "–", edge)));
}
