using WorkflowKit.Definitions.Flows;
using WorkflowKit.Designer.Localization;

namespace WorkflowKit.Designer.Flows;

/// <summary>
/// Names flow nodes for the people who follow a submission: the node's own name, or else its type in the page's
/// language ("开始", "通知"), because an id such as <c>okNote</c> means nothing to them.
/// </summary>
public static class NodeDisplayName
{
    /// <summary>Returns the node's name in the culture, or null when the node has none or an empty one.</summary>
    public static string? NameOf(NodeDefinition node, string culture)
    {
        ArgumentNullException.ThrowIfNull(node);
        return node.Name?.Get(culture) is { Length: > 0 } name ? name : null;
    }

    /// <summary>Returns the node's name in the page's language, or its type label when it has no name.</summary>
    public static string Of(NodeDefinition node, UiText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return NameOf(node, text.Culture) ?? text[FlowNodeWidget.TypeLabel(node.Type)];
    }
}
