using System.Globalization;
using Dapper;
using WorkflowKit.Definitions.Json;
using WorkflowKit.Definitions.Packages;
using WorkflowKit.Storage;

namespace WorkflowKit.Designer.Records;

/// <summary>
/// Views users saved for themselves, in table <c>designer_saved_views</c> (migration 5001). The
/// <c>filter</c> column stores the whole view document (filter, sort, columns) as JSON.
/// </summary>
public sealed class SavedViewStore(IDatabase database, TimeProvider timeProvider)
{
    public async Task<IReadOnlyList<RecordView>> ListAsync(
        string userId, string formKey, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long Id, string Filter)>(
            "SELECT id, filter FROM designer_saved_views WHERE user_id = @userId AND form_key = @formKey ORDER BY id",
            new { userId, formKey });
        return [.. rows.Select(row => new RecordView(
            "saved-" + row.Id.ToString(CultureInfo.InvariantCulture), false,
            DefinitionJson.Deserialize<ViewDefinition>(row.Filter)))];
    }

    public async Task<RecordView> SaveAsync(string userId, ViewDefinition view, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(view);
        var name = view.Name.Get("zh-CN");
        ArgumentException.ThrowIfNullOrWhiteSpace(name, nameof(view));
        var now = timeProvider.GetUtcNow();
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var id = await connection.ExecuteScalarAsync<long>(
            "INSERT INTO designer_saved_views (user_id, form_key, name, filter, created_at) " +
            "VALUES (@userId, @Form, @name, @json, @createdAt) RETURNING id",
            new
            {
                userId,
                view.Form,
                name,
                json = DefinitionJson.Serialize(view),
                createdAt = database.Dialect == SqlDialect.PostgreSql
                    ? (object)now
                    : now.ToString("O", CultureInfo.InvariantCulture),
            });
        return new RecordView("saved-" + id.ToString(CultureInfo.InvariantCulture), false, view);
    }
}
