namespace WorkflowKit.Organization;

/// <summary>A department with its parent and manager.</summary>
public sealed record OrgDepartment(string Id, string Name, string? ParentId, string? ManagerId);
