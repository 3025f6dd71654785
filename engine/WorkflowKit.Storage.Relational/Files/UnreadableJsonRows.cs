using System.Data.Common;
using System.Text.Json;
using Dapper;

namespace WorkflowKit.Storage.Relational.Files;

/// <summary>
/// Finds the rows whose JSON column the database cannot parse, after a file reference scan failed on one. SQLite reads
/// any column with <c>json_valid</c>. PostgreSQL stores instance forms, variables and audit form data as TEXT and casts
/// them, so the rows are parsed here, and a <c>\u0000</c> escape counts as unreadable because jsonb rejects it.
/// </summary>
internal static class UnreadableJsonRows
{
    /// <summary>
    /// Returns the rows of <paramref name="scan"/>'s table whose JSON column cannot be read, with keys after
    /// <paramref name="after"/>, or in the whole table when it is null.
    /// </summary>
    public static async Task<IReadOnlyList<UnreadableJsonRow>> FindAsync(
        DbConnection connection, SqlDialect dialect, FileReferenceScan scan, object? after,
        CancellationToken cancellationToken)
    {
        var range = after is null ? string.Empty : $"{scan.Key} > @After";
        var from = $"FROM {scan.From}";
        if (dialect == SqlDialect.Sqlite)
        {
            var valid = $"NOT json_valid({scan.Json})";
            var where = range.Length == 0 ? $"WHERE {valid}" : $"WHERE {range} AND {valid}";
            var keys = await connection.QueryAsync<string>(new CommandDefinition(
                $"SELECT CAST({scan.Key} AS text) {from} {where} ORDER BY {scan.Key}", new { After = after },
                cancellationToken: cancellationToken)).ConfigureAwait(false);
            return [.. keys.Select(key => Row(scan, key))];
        }

        var filter = range.Length == 0 ? string.Empty : $"WHERE {range}";
        var rows = await connection.QueryAsync<(string Key, string? Json)>(new CommandDefinition(
            $"SELECT CAST({scan.Key} AS text), CAST({scan.Json} AS text) {from} {filter} ORDER BY {scan.Key}",
            new { After = after }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Where(row => row.Json is not null && !IsReadable(row.Json)).Select(row => Row(scan, row.Key))];
    }

    private static bool IsReadable(string json)
    {
        if (json.Contains("\\u0000", StringComparison.Ordinal))
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static UnreadableJsonRow Row(FileReferenceScan scan, string key) =>
        new(scan.From.Split(' ')[0], key, scan.Json.Split('.')[^1], scan.Description);
}
