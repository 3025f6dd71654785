using WorkflowKit.Definitions;

namespace WorkflowKit.Designer.Accounts;

/// <summary>
/// A role as the roles page lists it: key, name and description in both languages, where it comes from, the
/// published flows whose assignee or recipient rules name it, and its members.
/// </summary>
public sealed record RoleEntry(
    string Key,
    LocalizedText Name,
    LocalizedText Description,
    RoleOrigin Origin,
    IReadOnlyList<LocalizedText> Flows,
    IReadOnlyList<DesignerUser> Members);
