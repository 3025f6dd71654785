using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace WorkflowKit.Bench.Engine;

/// <summary>
/// Counts the SQLite work of the engine through SQLite's own hooks on each connection the
/// engine opens: statements run (once per execution when it ends, including BEGIN,
/// COMMIT and pragmas), rows inserted, updated or deleted per table, and pages written at each commit
/// (<c>SQLITE_DBSTATUS_CACHE_WRITE</c> on the writer connection, which in WAL mode is the number of
/// frames the commit appends). The callbacks cost CPU, so only a counting pass attaches it.
/// Rows come from <c>sqlite3_update_hook</c> and, for WITHOUT ROWID tables, which the hook does not
/// report, from <c>sqlite3_total_changes</c>. Index entries are not counted.
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
        AttachHooks(handle);
    }

    /// <summary>
    /// Counts each statement when it ends (<c>sqlite3_profile</c>), and the rows that statements write.
    /// With SQLitePCLRaw 2.1.13, setting the profile callback stopped a <c>sqlite3_trace</c> callback set
    /// before it, so statements are counted here and not on each start. Rows of rowid tables come from
    /// <c>sqlite3_update_hook</c>. Rows of WITHOUT ROWID tables, which the hook does not report, are the
    /// growth of <c>sqlite3_total_changes</c> beyond the hook's rows, assigned when a statement on such a
    /// table ends.
    /// </summary>
    /// <remarks>
    /// A statement whose rows reach the total only after its profile callback (the record inserts with
    /// RETURNING appeared to) has its rows assigned to the next statement on a WITHOUT ROWID table, if any.
    /// </remarks>
    private void AttachHooks(sqlite3 handle)
    {
        var tables = new HashSet<string>(ReadWithoutRowidTables(handle), StringComparer.OrdinalIgnoreCase);

        var totalAtStart = (long)raw.sqlite3_total_changes(handle);
        long hooked = 0;
        long assigned = 0;
        raw.sqlite3_update_hook(handle, (_, kind, _, table, _) =>
        {
            hooked++;
            _rows.AddOrUpdate($"{Kind(kind)} {table.utf8_to_string()}", 1, (_, n) => n + 1);
        }, null);
        raw.sqlite3_profile(handle, (_, sql, _) =>
        {
            var text = sql.utf8_to_string();
            _statements.AddOrUpdate(Shorten(text), 1, (_, n) => n + 1);
            var (kind, table) = StatementTarget(text);
            var unhooked = raw.sqlite3_total_changes(handle) - totalAtStart - hooked;
            if (!tables.Contains(table) || unhooked <= assigned)
            {
                return;
            }

            var rows = unhooked - assigned;
            assigned = unhooked;
            _rows.AddOrUpdate($"{kind} {table}", rows, (_, n) => n + rows);
        }, null);
    }

    private static List<string> ReadWithoutRowidTables(sqlite3 handle)
    {
        var names = new List<string>();
        if (raw.sqlite3_prepare_v2(handle, "SELECT name FROM pragma_table_list WHERE wr = 1", out var statement) != raw.SQLITE_OK)
        {
            return names;
        }

        using (statement)
        {
            while (raw.sqlite3_step(statement) == raw.SQLITE_ROW)
            {
                names.Add(raw.sqlite3_column_text(statement, 0).utf8_to_string());
            }
        }

        return names;
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

    private static string Kind(int kind) => kind switch
    {
        18 => "insert",
        23 => "update",
        9 => "delete",
        _ => $"op{kind}",
    };

    /// <summary>Reads the kind (insert, update or delete) and table of a writing statement.</summary>
    private static (string Kind, string Table) StatementTarget(string sql)
    {
        var words = sql.Split((char[])[' ', '\n', '\r', '\t', '('], StringSplitOptions.RemoveEmptyEntries);
        var kind = words.Length > 0 ? words[0].ToLowerInvariant() : "other";
        var skipped = words.Length > 2 && words[1].Equals("OR", StringComparison.OrdinalIgnoreCase) ? 2 : 0;
        var tableAt = (kind == "update" ? 1 : 2) + skipped;
        var table = kind is "insert" or "update" or "delete" && tableAt < words.Length ? words[tableAt] : "?";
        return (kind, table);
    }

    /// <summary>Cuts a statement before its values or conditions, so that one key counts every execution.</summary>
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
