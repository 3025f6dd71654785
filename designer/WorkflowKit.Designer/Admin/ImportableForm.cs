using WorkflowKit.Definitions;

namespace WorkflowKit.Designer.Admin;

/// <summary>A published form data can be imported into, with its display name.</summary>
public sealed record ImportableForm(string Key, LocalizedText Name, int Version);
