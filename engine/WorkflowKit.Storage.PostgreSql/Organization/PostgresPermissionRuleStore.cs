using WorkflowKit.Storage.Relational.Organization;

namespace WorkflowKit.Storage.PostgreSql.Organization;

/// <summary>Data permission rules per form in PostgreSQL (see <see cref="RelationalPermissionRuleStore"/>).</summary>
public sealed class PostgresPermissionRuleStore(PostgresDatabase database) : RelationalPermissionRuleStore(database);
