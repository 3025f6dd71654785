using Blazor.Diagrams.Core.Geometry;
using Blazor.Diagrams.Core.Models;
using WorkflowKit.Definitions.Flows;

namespace WorkflowKit.Designer.Flows;

/// <summary>A flow node on the canvas, pointing at its definition and carrying its highlight.</summary>
public sealed class FlowNodeModel : NodeModel
{
    public FlowNodeModel(NodeDefinition definition)
        : base(definition.Id, new Point(definition.Position?.X ?? 0, definition.Position?.Y ?? 0))
    {
        Definition = definition;
    }

    public NodeDefinition Definition { get; }

    /// <summary>CSS class for the node's state: "error", "visited", "current", "added", "changed" or empty.</summary>
    public string Highlight { get; set; } = string.Empty;

    public string Culture { get; set; } = "zh-CN";
}
