using System.Globalization;
using Dapper;
using WorkflowKit.Storage;

namespace WorkflowKit.Designer.Hosting;

/// <summary>
/// The stored progress of the first start (table <c>designer_first_start</c>): <see cref="Loading"/> from before the
/// first demo or sample account is created until the sample data is loaded, then <see cref="Done"/>. The accounts,
/// records and instances of the sample load are written in many transactions, so a first start that stops part-way
/// leaves them behind, and this record is how the next start finds out.
/// </summary>
public sealed class FirstStartRecord(IDatabase database, TimeProvider timeProvider)
{
    public const string Loading = "loading";

    public const string Done = "done";

    /// <summary>Reads the state; null when no first start has loaded anything into this database.</summary>
    public async Task<string?> ReadAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            "SELECT state FROM designer_first_start WHERE id = 1", cancellationToken: cancellationToken));
    }

    public async Task WriteAsync(string state, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO designer_first_start (id, state, changed_at) VALUES (1, @State, @ChangedAt) " +
            "ON CONFLICT (id) DO UPDATE SET state = excluded.state, changed_at = excluded.changed_at",
            new
            {
                State = state,
                ChangedAt = database.Dialect == SqlDialect.PostgreSql
                    ? (object)now
                    : now.ToString("O", CultureInfo.InvariantCulture),
            },
            cancellationToken: cancellationToken));
    }
}
