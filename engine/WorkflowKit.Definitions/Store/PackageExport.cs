namespace WorkflowKit.Definitions.Store;

/// <summary>A definition version written as a package folder, with every file written, the manifest first.</summary>
public sealed record PackageExport(DefinitionVersion Definition, IReadOnlyList<string> Files);
