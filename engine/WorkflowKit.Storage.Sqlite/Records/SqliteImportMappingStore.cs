using WorkflowKit.Storage.Relational.Records;

namespace WorkflowKit.Storage.Sqlite.Records;

/// <summary>Saved import mappings in SQLite (see <see cref="RelationalImportMappingStore"/>).</summary>
public sealed class SqliteImportMappingStore(SqliteDatabase database, TimeProvider timeProvider)
    : RelationalImportMappingStore(database, timeProvider);
