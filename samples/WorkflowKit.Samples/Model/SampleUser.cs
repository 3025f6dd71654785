namespace WorkflowKit.Samples.Model;

/// <summary>A demo user as written to users.json; the region is null for staff who serve every region.</summary>
internal sealed record SampleUser(
    string Id,
    string DisplayName,
    string Department,
    IReadOnlyList<string> Roles,
    string? Region);
