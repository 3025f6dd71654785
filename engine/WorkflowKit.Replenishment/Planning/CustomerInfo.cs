namespace WorkflowKit.Replenishment.Planning;

/// <summary>
/// A customer with the region, the sales owner (a user id) who confirms its demand, and the minimum remaining shelf
/// life in days it accepts on delivery, or null when its record does not set one.
/// </summary>
public sealed record CustomerInfo(string Code, string? Name, string? Region, string? SalesOwner, int? MinShelfLifeDays = null);
