namespace WorkflowKit.Definitions.Store;

/// <summary>A published version named by kind and key.</summary>
public sealed record DefinitionVersionInfoWithKey(string Kind, string Key, int Version);
