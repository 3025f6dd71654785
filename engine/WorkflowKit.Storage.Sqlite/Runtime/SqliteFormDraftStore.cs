using WorkflowKit.Storage.Relational.Runtime;

namespace WorkflowKit.Storage.Sqlite.Runtime;

/// <summary>Drafts of start forms and task forms in SQLite (see <see cref="RelationalFormDraftStore"/>).</summary>
public sealed class SqliteFormDraftStore(SqliteDatabase database) : RelationalFormDraftStore(database);
