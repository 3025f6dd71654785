namespace WorkflowKit.Samples.Model;

/// <summary>A sales region with its warehouse, price level and cities.</summary>
/// <remarks>PriceFactor is the regional price as a share of the list price.</remarks>
internal sealed record SampleRegion(
    string Key,
    string Name,
    string Warehouse,
    string WarehouseName,
    decimal PriceFactor,
    IReadOnlyList<string> Cities);
