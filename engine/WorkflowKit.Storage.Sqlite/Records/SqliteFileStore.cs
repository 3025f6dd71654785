using WorkflowKit.Storage.Relational.Files;

namespace WorkflowKit.Storage.Sqlite.Records;

/// <summary>Uploaded files in SQLite (see <see cref="RelationalFileStore"/>).</summary>
public sealed class SqliteFileStore(SqliteDatabase database) : RelationalFileStore(database);
