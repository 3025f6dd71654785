using WorkflowKit.Storage.Relational.Runtime;

namespace WorkflowKit.Storage.PostgreSql.Runtime;

/// <summary>Delegations in PostgreSQL (see <see cref="RelationalDelegationStore"/>).</summary>
public sealed class PostgresDelegationStore(PostgresDatabase database) : RelationalDelegationStore(database);
