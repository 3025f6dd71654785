using WorkflowKit.Storage.Relational.Runtime;

namespace WorkflowKit.Storage.PostgreSql.Runtime;

/// <summary>Drafts of start forms and task forms in PostgreSQL (see <see cref="RelationalFormDraftStore"/>).</summary>
public sealed class PostgresFormDraftStore(PostgresDatabase database) : RelationalFormDraftStore(database);
