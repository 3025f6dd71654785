using WorkflowKit.Storage.Relational.Organization;

namespace WorkflowKit.Storage.Sqlite.Organization;

/// <summary>Users, departments and roles in SQLite (see <see cref="RelationalOrganizationStore"/>).</summary>
public sealed class SqliteOrganizationStore(SqliteDatabase database) : RelationalOrganizationStore(database);
