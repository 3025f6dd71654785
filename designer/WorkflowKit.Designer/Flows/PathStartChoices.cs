using WorkflowKit.Definitions.Flows;
using WorkflowKit.Designer.Localization;

namespace WorkflowKit.Designer.Flows;

/// <summary>The nodes that a withdrawal or cancellation path may start at, and their text in the pickers.</summary>
public static class PathStartChoices
{
    /// <summary>
    /// Returns the automatic nodes of <paramref name="flow"/> other than end nodes. The current choice is listed even
    /// when it is no longer one of them, so the select shows it and the validator's message explains what is wrong with it.
    /// </summary>
    public static IEnumerable<NodeDefinition> Candidates(FlowDefinition flow, string current)
    {
        ArgumentNullException.ThrowIfNull(flow);
        return flow.Nodes.Where(node =>
            node.Id == current || (WithdrawalPath.NodeTypesAllowed.Contains(node.Type) && node.Type != NodeTypes.End));
    }

    /// <summary>
    /// Returns the text of a choice, which the select also shows once it is chosen: <paramref name="nowhere"/> for no
    /// node, else the node's name, id and type.
    /// </summary>
    public static string Text(FlowDefinition flow, string? nodeId, string nowhere, UiText text)
    {
        ArgumentNullException.ThrowIfNull(flow);
        ArgumentNullException.ThrowIfNull(text);
        if (string.IsNullOrEmpty(nodeId))
        {
            return nowhere;
        }

        if (flow.Nodes.FirstOrDefault(candidate => candidate.Id == nodeId) is not { } node)
        {
            return nodeId;
        }

        var name = node.Name?.Get(text.Culture);
        var type = text[FlowNodeWidget.TypeLabel(node.Type)];
        return string.IsNullOrWhiteSpace(name) || name == node.Id
            ? text.Format("{0} ({1})", node.Id, type)
            : text.Format("{0} ({1}, {2})", name, node.Id, type);
    }
}
