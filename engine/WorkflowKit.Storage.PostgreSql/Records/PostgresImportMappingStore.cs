using WorkflowKit.Storage.Relational.Records;

namespace WorkflowKit.Storage.PostgreSql.Records;

/// <summary>Saved import mappings in PostgreSQL (see <see cref="RelationalImportMappingStore"/>).</summary>
public sealed class PostgresImportMappingStore(PostgresDatabase database, TimeProvider timeProvider)
    : RelationalImportMappingStore(database, timeProvider);
