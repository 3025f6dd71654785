namespace WorkflowKit.Designer.Dashboards;

/// <summary>
/// One bar of a chart: a stable key (a region value, an expiry window, a node id), its label in
/// the user's language, the value in the chart's unit, and how many records or tasks it covers.
/// </summary>
public sealed record ChartPoint(string Key, string Label, decimal Value, long Count);
