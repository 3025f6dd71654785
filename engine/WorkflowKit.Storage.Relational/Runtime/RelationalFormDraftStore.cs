using System.Globalization;
using System.Text.Json.Nodes;
using Dapper;
using WorkflowKit.Runtime.Drafts;

namespace WorkflowKit.Storage.Relational.Runtime;

/// <summary>Drafts of start forms and task forms in table <c>wk_form_drafts</c> (migrations 4140 and 4141).</summary>
public abstract class RelationalFormDraftStore : IFormDraftStore
{
    private readonly IDatabase _database;

    protected RelationalFormDraftStore(IDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
    }

    private SqlDialect Dialect => _database.Dialect;

    public async Task SaveAsync(FormDraft draft, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentException.ThrowIfNullOrWhiteSpace(draft.UserId);
        ArgumentException.ThrowIfNullOrWhiteSpace(draft.Scope);
        await using var transaction = await _database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await transaction.Connection.ExecuteAsync(new CommandDefinition(
            $"""
            INSERT INTO wk_form_drafts (user_id, scope, version, data, saved_at)
            VALUES (@UserId, @Scope, @Version, {RelationalSql.JsonValue(Dialect, "Data")}, @SavedAt)
            ON CONFLICT (user_id, scope) DO UPDATE
            SET version = excluded.version, data = excluded.data, saved_at = excluded.saved_at
            """,
            new
            {
                draft.UserId,
                draft.Scope,
                draft.Version,
                Data = draft.Data.ToJsonString(),
                SavedAt = RelationalSql.Timestamp(Dialect, draft.SavedAt),
            },
            transaction.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<FormDraft?> FindAsync(string userId, string scope, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<DraftRow>(new CommandDefinition(
            $"""
            SELECT user_id, scope, version, {RelationalSql.JsonText(Dialect, "data")} AS data, saved_at
            FROM wk_form_drafts WHERE user_id = @UserId AND scope = @Scope
            """,
            new { UserId = userId, Scope = scope }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row is null ? null : ToDraft(row);
    }

    public async Task<bool> DeleteAsync(string userId, string scope, CancellationToken cancellationToken)
    {
        await using var transaction = await _database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var deleted = await transaction.Connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM wk_form_drafts WHERE user_id = @UserId AND scope = @Scope",
            new { UserId = userId, Scope = scope }, transaction.Transaction, cancellationToken: cancellationToken))
            .ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return deleted > 0;
    }

    public async Task<int> DeleteOrphanedAsync(DateTimeOffset startSavedBefore, CancellationToken cancellationToken)
    {
        await using var transaction = await _database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var deleted = await transaction.Connection.ExecuteAsync(new CommandDefinition(
            """
            DELETE FROM wk_form_drafts
            WHERE (scope LIKE 'task:%' AND NOT EXISTS (
                    SELECT 1 FROM wk_tasks
                    WHERE 'task:' || wk_tasks.id = wk_form_drafts.scope AND wk_tasks.status = 'open'
                      AND wk_tasks.assignee = wk_form_drafts.user_id))
               OR (scope LIKE 'start:%' AND saved_at < @Before)
            """,
            new { Before = RelationalSql.Timestamp(Dialect, startSavedBefore) }, transaction.Transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return deleted;
    }

    private static FormDraft ToDraft(DraftRow row) => new(
        row.user_id,
        row.scope,
        Convert.ToInt32(row.version, CultureInfo.InvariantCulture),
        JsonNode.Parse(row.data) as JsonObject
            ?? throw new InvalidOperationException(
                $"The draft of {row.user_id} for {row.scope} in wk_form_drafts is not a JSON object; delete the row."),
        ReadTime(row.saved_at));

    // PostgreSQL returns timestamptz as a UTC DateTime, SQLite the stored ISO 8601 text.
    private static DateTimeOffset ReadTime(object value) => value switch
    {
        DateTime time => new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc), TimeSpan.Zero),
        DateTimeOffset time => time.ToUniversalTime(),
        string text => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).ToUniversalTime(),
        _ => throw new InvalidOperationException($"Unexpected timestamp value of type {value.GetType().Name} in wk_form_drafts."),
    };

#pragma warning disable IDE1006, SA1300 // Dapper maps the snake_case columns by name.
    private sealed class DraftRow
    {
        public string user_id { get; set; } = string.Empty;

        public string scope { get; set; } = string.Empty;

        public object version { get; set; } = 0;

        public string data { get; set; } = "{}";

        public object saved_at { get; set; } = null!;
    }
#pragma warning restore IDE1006, SA1300
}
