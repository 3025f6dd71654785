namespace WorkflowKit.Designer.Dashboards;

/// <summary>
/// The forms and fields of the built-in biopharma templates that the dashboards read. A
/// deployment without these forms shows the charts empty.
/// </summary>
internal static class DashboardForms
{
    public const string Receivable = "receivable";
    public const string Customer = "customer";
    public const string StockBatch = "stock-batch";
    public const string Order = "order";
}
