namespace WorkflowKit.Replenishment.Planning;

/// <summary>A product as the planner needs it: code, name and purchase lead time in calendar days.</summary>
public sealed record ProductInfo(string Code, string? Name, int LeadTimeDays, bool Active = true);
