using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace WorkflowKit.Storage.Sqlite.Runtime;

/// <summary>
/// A write statement kept prepared on a SQLite handle, whose parameters are bound by index.
/// </summary>
/// <remarks>
/// <para>Microsoft.Data.Sqlite binds every parameter of a command by name on every execution: it
/// converts the name to UTF-8 and SQLite searches the statement's parameter list for it, comparing
/// names one by one. A multi-row insert of 14 rows of 9 columns has 126 parameters, so one
/// execution compares about 8,000 names, and in a perf profile of the bench's flow section the
/// search took about 2 % of the process's CPU samples. Here the names are looked up once, when the
/// statement is prepared.</para>
/// <para>Statements are cached per SQLite handle, not per connection object: the connection pool
/// hands a handle to new connection objects, and a connection object that closes and opens again
/// gets another handle. Each execution resets the statement, so none stays active across a commit.
/// Values of other types than those <see cref="CanBind"/> accepts go through
/// <see cref="SqliteCommand"/> instead, which binds them its own way.</para>
/// </remarks>
internal sealed class IndexedStatement
{
    private static readonly ConditionalWeakTable<sqlite3, Dictionary<string, IndexedStatement>> Cache = [];

    private readonly sqlite3 _database;
    private readonly sqlite3_stmt _statement;
    private readonly string[] _names;
    private readonly int[] _indexes;

    private IndexedStatement(sqlite3 database, sqlite3_stmt statement, string[] names, int[] indexes)
    {
        _database = database;
        _statement = statement;
        _names = names;
        _indexes = indexes;
    }

    /// <summary>
    /// Whether every value has a type this class binds as Microsoft.Data.Sqlite would: null, text,
    /// integers, booleans (as 0 or 1) and finite doubles.
    /// </summary>
    public static bool CanBind((string Name, object? Value)[] values)
    {
        foreach (var (_, value) in values)
        {
            var supported = value is null or DBNull or string or long or int or short or byte or bool
                || (value is double number && double.IsFinite(number));
            if (!supported)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Runs <paramref name="sql"/> on the connection's handle with the given values, and returns the
    /// number of rows it changed. The connection must be in a write transaction that the caller holds.
    /// </summary>
    /// <exception cref="SqliteException">SQLite failed the statement, for example on a constraint.</exception>
    /// <exception cref="InvalidOperationException">The statement has a parameter that no value names.</exception>
    public static int Execute(SqliteConnection connection, string sql, (string Name, object? Value)[] values)
    {
        var handle = connection.Handle ?? throw new InvalidOperationException(
            "The SQLite connection is not open; open it before running statements on it.");
        var statements = Cache.GetOrCreateValue(handle);
        if (!statements.TryGetValue(sql, out var statement))
        {
            if (statements.Count >= Records.PreparedCommands.MaxPerConnection)
            {
                // The dropped statements are not finalized here; their handles finalize once the garbage collector
                // collects them.
                statements.Clear();
            }

            statement = Prepare(handle, sql, values);
            statements[sql] = statement;
        }

        return statement.Run(values);
    }

    /// <summary>Whether <paramref name="sql"/> is kept prepared on the connection's current SQLite handle.</summary>
    internal static bool IsPrepared(SqliteConnection connection, string sql) =>
        connection.Handle is { } handle && Cache.TryGetValue(handle, out var statements) && statements.ContainsKey(sql);

    private static IndexedStatement Prepare(sqlite3 handle, string sql, (string Name, object? Value)[] values)
    {
        var rc = raw.sqlite3_prepare_v2(handle, sql, out var prepared);
        if (rc != raw.SQLITE_OK)
        {
            prepared?.Dispose();
            SqliteException.ThrowExceptionForRC(rc, handle);
        }

        if (prepared is null || prepared.IsInvalid)
        {
            throw new ArgumentException($"The SQL text contains no statement: \"{sql}\".", nameof(sql));
        }

        var names = new string[values.Length];
        var indexes = new int[values.Length];
        var bound = new HashSet<int>();
        for (var i = 0; i < values.Length; i++)
        {
            names[i] = values[i].Name;
            indexes[i] = raw.sqlite3_bind_parameter_index(prepared, values[i].Name);
            if (indexes[i] > 0)
            {
                bound.Add(indexes[i]);
            }
        }

        var expected = raw.sqlite3_bind_parameter_count(prepared);
        if (bound.Count != expected)
        {
            var missing = string.Join(", ", Enumerable.Range(1, expected)
                .Where(index => !bound.Contains(index))
                .Select(index => raw.sqlite3_bind_parameter_name(prepared, index).utf8_to_string()));
            prepared.Dispose();
            throw new InvalidOperationException(
                $"The statement uses parameters {missing}, but no value was given for them: {sql}");
        }

        return new IndexedStatement(handle, prepared, names, indexes);
    }

    private int Run((string Name, object? Value)[] values)
    {
        if (values.Length != _names.Length)
        {
            throw new InvalidOperationException(
                $"The statement was prepared with {_names.Length} values and now got {values.Length}; pass the " +
                "same parameters on every execution.");
        }

        try
        {
            for (var i = 0; i < values.Length; i++)
            {
                var index = IndexOf(i, values[i].Name);
                if (index > 0)
                {
                    Bind(index, values[i].Value);
                }
            }

            int rc;
            do
            {
                rc = raw.sqlite3_step(_statement);
            }
            while (rc == raw.SQLITE_ROW);

            if (rc != raw.SQLITE_DONE)
            {
                SqliteException.ThrowExceptionForRC(rc, _database);
            }

            return raw.sqlite3_changes(_database);
        }
        finally
        {
            raw.sqlite3_reset(_statement);
            raw.sqlite3_clear_bindings(_statement);
        }
    }

    /// <summary>
    /// Returns the parameter index of the value at <paramref name="position"/>. Callers pass values in the
    /// order of the first execution, so the name at that position usually matches, often as the same string.
    /// </summary>
    private int IndexOf(int position, string name)
    {
        // Run checked that the value count equals the prepared one, so position is within _names.
        if (string.Equals(_names[position], name, StringComparison.Ordinal))
        {
            return _indexes[position];
        }

        return raw.sqlite3_bind_parameter_index(_statement, name);
    }

    private void Bind(int index, object? value)
    {
        var rc = value switch
        {
            null or DBNull => raw.sqlite3_bind_null(_statement, index),
            string text => raw.sqlite3_bind_text(_statement, index, text),
            long number => raw.sqlite3_bind_int64(_statement, index, number),
            int number => raw.sqlite3_bind_int64(_statement, index, number),
            short number => raw.sqlite3_bind_int64(_statement, index, number),
            byte number => raw.sqlite3_bind_int64(_statement, index, number),
            bool flag => raw.sqlite3_bind_int64(_statement, index, flag ? 1 : 0),
            double number => raw.sqlite3_bind_double(_statement, index, number),
            _ => throw new ArgumentException(
                $"A value of type {value.GetType()} cannot be bound here; check CanBind before Execute.", nameof(value)),
        };
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, _database);
        }
    }
}
