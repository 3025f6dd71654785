namespace WorkflowKit.Designer.Accounts;

/// <summary>A department of the organisation, with its parent and manager.</summary>
public sealed record Department(string Id, string Name, string? ParentId, string? ManagerId);
