namespace WorkflowKit.Bench.Peer;

/// <summary>One product line of the peer order.</summary>
public sealed class OrderLine
{
    public string Product { get; set; } = string.Empty;

    public decimal Quantity { get; set; }

    public decimal UnitPrice { get; set; }
}
