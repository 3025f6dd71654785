namespace WorkflowKit.Designer.Accounts;

/// <summary>What an admin enters to create an account.</summary>
public sealed record NewUser(
    string UserName,
    string DisplayName,
    string Password,
    string? DepartmentId,
    IReadOnlyList<string> Roles,
    IReadOnlyDictionary<string, string> Attributes,
    string Culture = "zh-CN");
