using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace WorkflowKit.Bench.Engine;

/// <summary>
/// Counts the SQLite work of the engine through SQLite's own hooks on each connection the
/// engine opens: statements started (<c>sqlite3_trace</c>, once per execution, including BEGIN,
/// COMMIT and pragmas), rows inserted, updated or deleted per table and statement kind, and pages written
/// at each commit
/// (<c>SQLITE_DBSTATUS_CACHE_WRITE</c> on the writer connection, which in WAL mode is the number of
/// frames the commit appends). The callbacks cost CPU, so only a counting pass attaches it.
/// Rows are the growth of <c>sqlite3_total_changes</c> when a statement ends (<c>sqlite3_profile</c>).
/// <c>sqlite3_update_hook</c> would miss the rows of WITHOUT ROWID tables. Index entries are not counted.
/// </summary>
public sealed class SqliteTrace
{
    private const int CacheWriteStatus = 9;

    private readonly ConditionalWeakTable<sqlite3, object> _attached = [];
    private readonly ConcurrentDictionary<string, long> _statements = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _rows = new(StringComparer.Ordinal);
    private long _pages;
    private long _commits;

    public long Statements => _statements.Values.Sum();

    public long RowsWritten => _rows.Values.Sum();

    public long Pages => Interlocked.Read(ref _pages);

    public long Commits => Interlocked.Read(ref _commits);

    /// <summary>Hooks <paramref name="connection"/> once; later calls with the same SQLite handle do nothing.</summary>
    public void Attach(SqliteConnection connection)
    {
        var handle = connection.Handle;
        if (handle is null || _attached.TryGetValue(handle, out _))
        {
            return;
        }

        _attached.Add(handle, this);
        raw.sqlite3_trace(handle, (_, sql) => _statements.AddOrUpdate(Shorten(sql.utf8_to_string()), 1, (_, n) => n + 1), null);

        var changesSeen = raw.sqlite3_total_changes(handle);
        raw.sqlite3_profile(handle, (_, sql, _) =>
        {
            var total = raw.sqlite3_total_changes(handle);
            long changed = total - changesSeen;
            changesSeen = total;
            if (changed > 0)
            {
                _rows.AddOrUpdate(RowsKey(sql.utf8_to_string()), changed, (_, n) => n + changed);
            }
        }, null);
    }

    /// <summary>Clears the writer's page counter before a commit.</summary>
    public static void ResetPages(SqliteConnection connection) =>
        raw.sqlite3_db_status(connection.Handle, CacheWriteStatus, out _, out _, 1);

    /// <summary>Adds the pages written by the commit that just ran on <paramref name="connection"/>.</summary>
    public void CountCommit(SqliteConnection connection)
    {
        raw.sqlite3_db_status(connection.Handle, CacheWriteStatus, out var written, out _, 1);
        Interlocked.Add(ref _pages, written);
        Interlocked.Increment(ref _commits);
    }

    /// <summary>Computes statements, rows and pages per unit, with the most frequent statements and the rows per table.</summary>
    public JsonObject PerUnit(long units)
    {
        var divisor = (double)Math.Max(units, 1);
        var statements = new JsonObject();
        foreach (var (sql, count) in _statements.OrderByDescending(pair => pair.Value).Take(25))
        {
            statements[sql] = Math.Round(count / divisor, 2);
        }

        var rows = new JsonObject();
        foreach (var (table, count) in _rows.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            rows[table] = Math.Round(count / divisor, 2);
        }

        return new JsonObject
        {
            ["statementsPerInstance"] = Math.Round(Statements / divisor, 2),
            ["rowsWrittenPerInstance"] = Math.Round(RowsWritten / divisor, 2),
            ["pagesPerCommit"] = Math.Round((double)Pages / Math.Max(Commits, 1), 2),
            ["statements"] = statements,
            ["rows"] = rows,
        };
    }

    /// <summary>
    /// Names the kind and table of a writing statement, for example <c>insert wk_audit</c> or <c>upsert
    /// wk_tokens</c> (an INSERT with ON CONFLICT, whose rows may be inserted or updated).
    /// </summary>
    private static string RowsKey(string sql)
    {
        var words = sql.Split((char[])[' ', '\n', '\r', '\t', '('], StringSplitOptions.RemoveEmptyEntries);
        var kind = words.Length > 0 ? words[0].ToLowerInvariant() : "other";
        var skipped = words.Length > 2 && words[1].Equals("OR", StringComparison.OrdinalIgnoreCase) ? 2 : 0;
        var tableAt = (kind == "update" ? 1 : 2) + skipped;
        var table = kind is "insert" or "update" or "delete" && tableAt < words.Length ? words[tableAt] : "?";
        if (kind == "insert" && sql.Contains("ON CONFLICT", StringComparison.OrdinalIgnoreCase))
        {
            kind = "upsert";
        }

        return $"{kind} {table}";
    }

    /// <summary>Cuts a statement before its values or conditions, because the trace expands bound parameters.</summary>
    private static string Shorten(string sql)
    {
        var end = sql.Length;
        foreach (var marker in new[] { " VALUES", " SELECT", " WHERE", " SET " })
        {
            var at = sql.IndexOf(marker, StringComparison.Ordinal);
            end = at > 0 ? Math.Min(end, at) : end;
        }

        return sql.Length > 0 && end < sql.Length ? sql[..Math.Min(end, 120)] : sql[..Math.Min(sql.Length, 120)];
    }
}
