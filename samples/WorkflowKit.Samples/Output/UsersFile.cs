using WorkflowKit.Samples.Model;

namespace WorkflowKit.Samples.Output;

/// <summary>The contents of users.json.</summary>
internal sealed record UsersFile(IReadOnlyList<SampleDepartment> Departments, IReadOnlyList<SampleUser> Users);
