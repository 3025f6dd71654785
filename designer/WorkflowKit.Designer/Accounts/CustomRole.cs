using WorkflowKit.Definitions;

namespace WorkflowKit.Designer.Accounts;

/// <summary>A role an administrator created on the roles page: its key, name and description in both languages.</summary>
public sealed record CustomRole(
    string Key, LocalizedText Name, LocalizedText Description, string CreatedBy, DateTimeOffset CreatedAt);
