using WorkflowKit.Storage.Relational.Organization;

namespace WorkflowKit.Storage.Sqlite.Organization;

/// <summary>Data permission rules per form in SQLite (see <see cref="RelationalPermissionRuleStore"/>).</summary>
public sealed class SqlitePermissionRuleStore(SqliteDatabase database) : RelationalPermissionRuleStore(database);
