namespace WorkflowKit.Storage.Sqlite;

/// <summary>One schema migration script.</summary>
public sealed record Migration(int Version, string Name, string Sql);
