using WorkflowKit.Definitions.Store;

namespace WorkflowKit.Permissions;

/// <summary>A package import: the definitions published or unchanged, and the permission rules stored with them.</summary>
public sealed record PackageImportWithRules(PackageImportResult Definitions, IReadOnlyList<SeededRules> Rules);
