namespace WorkflowKit.Definitions.Flows;

/// <summary>Position of a node on the designer canvas, in pixels.</summary>
public sealed class NodePosition
{
    public double X { get; set; }

    public double Y { get; set; }
}
