namespace WorkflowKit.Replenishment.Planning;

/// <summary>The warehouse that serves a sales region and receives the stock bought for it.</summary>
/// <param name="Region">Region code, as in the <c>customer</c> form and the users' <c>region</c> attribute.</param>
/// <param name="Warehouse">Warehouse code, as in the <c>stock-batch</c> form.</param>
public sealed record RegionWarehouse(string Region, string Warehouse);
