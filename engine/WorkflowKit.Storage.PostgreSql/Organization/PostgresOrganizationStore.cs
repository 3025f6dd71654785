using WorkflowKit.Storage.Relational.Organization;

namespace WorkflowKit.Storage.PostgreSql.Organization;

/// <summary>Users, departments and roles in PostgreSQL (see <see cref="RelationalOrganizationStore"/>).</summary>
public sealed class PostgresOrganizationStore(PostgresDatabase database) : RelationalOrganizationStore(database);
