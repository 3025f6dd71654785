namespace WorkflowKit.Samples.Model;

/// <summary>A department of the demo organisation as written to users.json.</summary>
internal sealed record SampleDepartment(string Id, string Name, string? ParentId, string? ManagerId);
