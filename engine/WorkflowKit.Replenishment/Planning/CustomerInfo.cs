namespace WorkflowKit.Replenishment.Planning;

/// <summary>A customer with the region and the sales owner (a user id) who confirms its demand.</summary>
public sealed record CustomerInfo(string Code, string? Name, string? Region, string? SalesOwner);
