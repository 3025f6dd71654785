namespace WorkflowKit.Designer.Dashboards;

/// <summary>What one chart shows: its points, or why it cannot be shown to this user.</summary>
public sealed record DashboardChartData(IReadOnlyList<ChartPoint> Points, string? Denied)
{
    public static DashboardChartData Loading { get; } = new([], null);
}
