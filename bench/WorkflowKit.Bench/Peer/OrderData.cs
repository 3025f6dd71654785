namespace WorkflowKit.Bench.Peer;

/// <summary>The order the peer workflow carries: three lines and the credit facts the check reads.</summary>
public sealed class OrderData
{
    public string Customer { get; set; } = "C001";

    public List<OrderLine> Lines { get; set; } = [];

    public decimal CreditLimit { get; set; } = 1_000_000m;

    public decimal Exposure { get; set; } = 200_000m;

    public int OverdueCount { get; set; }

    public decimal Total { get; set; }

    public bool CreditOk { get; set; }

    public bool Approved { get; set; }
}
