using Dapper;
using WorkflowKit.Import;

namespace WorkflowKit.Storage.Relational.Records;

/// <summary>
/// Saved import mappings in the table of migration 3000, as the JSON that <see cref="ImportMapping.ToJson"/>
/// writes.
/// </summary>
public abstract class RelationalImportMappingStore : IImportMappingStore
{
    private readonly IDatabase _database;
    private readonly TimeProvider _timeProvider;

    protected RelationalImportMappingStore(IDatabase database, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _database = database;
        _timeProvider = timeProvider;
    }

    public async Task SaveAsync(
        string formKey, string name, ImportMapping mapping, string userId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(formKey);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(mapping);
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(
            "INSERT INTO import_mappings (form_key, name, mapping, saved_by, saved_at) " +
            "VALUES (@Form, @Name, @Mapping, @User, @At) ON CONFLICT (form_key, name) DO UPDATE SET " +
            "mapping = excluded.mapping, saved_by = excluded.saved_by, saved_at = excluded.saved_at",
            new
            {
                Form = formKey, Name = name, Mapping = mapping.ToJson(), User = userId,
                At = RelationalSql.Timestamp(_database.Dialect, _timeProvider.GetUtcNow()),
            }).ConfigureAwait(false);
    }

    public async Task<ImportMapping?> FindAsync(string formKey, string name, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var json = await connection.QuerySingleOrDefaultAsync<string>(
            "SELECT mapping FROM import_mappings WHERE form_key = @Form AND name = @Name",
            new { Form = formKey, Name = name }).ConfigureAwait(false);
        return json is null ? null : ImportMapping.FromJson(json);
    }

    public async Task<IReadOnlyList<string>> ListNamesAsync(string formKey, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return [.. await connection.QueryAsync<string>(
            "SELECT name FROM import_mappings WHERE form_key = @Form ORDER BY " +
            RelationalSql.Ordinal(_database.Dialect, "name"),
            new { Form = formKey })
            .ConfigureAwait(false)];
    }
}
