using WorkflowKit.Storage.Relational.Files;

namespace WorkflowKit.Storage.PostgreSql.Records;

/// <summary>Uploaded files in PostgreSQL (see <see cref="RelationalFileStore"/>).</summary>
public sealed class PostgresFileStore(PostgresDatabase database) : RelationalFileStore(database);
