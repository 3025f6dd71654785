namespace WorkflowKit.Storage;

/// <summary>One schema migration script, embedded as <c>Migrations/NNNN_area_description.sql</c>.</summary>
public sealed record MigrationScript(int Version, string Name, string Sql);
