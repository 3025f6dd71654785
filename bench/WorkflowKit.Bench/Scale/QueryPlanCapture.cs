using Microsoft.Data.Sqlite;
using SQLitePCL;
using WorkflowKit.Storage.Sqlite;

namespace WorkflowKit.Bench.Scale;

/// <summary>
/// Records the SELECT statements that one call runs (through <c>sqlite3_trace</c>, which expands the bound
/// parameters) and returns SQLite's query plan of each, so the report shows the plans behind the latencies.
/// </summary>
/// <remarks>
/// The trace goes on the pooled handle that a connection opened just before the call gets; the store's next
/// connection reuses the most recently returned handle when nothing else runs. When it gets another one,
/// nothing is captured and the result is empty.
/// </remarks>
internal static class QueryPlanCapture
{
    public static async Task<IReadOnlyList<string>> CaptureAsync(SqliteDatabase database, Func<Task> call)
    {
        var statements = new List<string>();
        sqlite3 handle;
        await using (var connection = (SqliteConnection)await database.OpenConnectionAsync(CancellationToken.None))
        {
            handle = connection.Handle!;
            raw.sqlite3_trace(handle, (_, sql) => statements.Add(sql.utf8_to_string()), null);
        }

        try
        {
            await call();
        }
        finally
        {
            raw.sqlite3_trace(handle, (delegate_trace?)null, null);
        }

        var plans = new List<string>();
        await using var explain = (SqliteConnection)await database.OpenConnectionAsync(CancellationToken.None);
        foreach (var sql in statements.Where(sql => sql.StartsWith("SELECT", StringComparison.Ordinal)).Distinct())
        {
            await using var command = explain.CreateCommand();
            command.CommandText = "EXPLAIN QUERY PLAN " + sql;
            var steps = new List<string>();
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                steps.Add(reader.GetString(3));
            }

            plans.Add($"{Shorten(sql)} => {string.Join("; ", steps)}");
        }

        return plans;
    }

    /// <summary>The statement up to its first condition, enough to tell the page query from the count.</summary>
    private static string Shorten(string sql)
    {
        var where = sql.IndexOf(" WHERE ", StringComparison.Ordinal);
        return where > 0 ? sql[..where] : sql;
    }
}
