using WorkflowKit.Storage.Relational.Runtime;

namespace WorkflowKit.Storage.Sqlite.Runtime;

/// <summary>Delegations in SQLite (see <see cref="RelationalDelegationStore"/>).</summary>
public sealed class SqliteDelegationStore(SqliteDatabase database) : RelationalDelegationStore(database);
