using System.Collections;
using System.Collections.Concurrent;
using System.Data.Common;
using System.Linq.Expressions;
using System.Reflection;
using System.Runtime.CompilerServices;
using Dapper;
using Microsoft.Data.Sqlite;
using WorkflowKit.Storage.Sqlite.Records;

namespace WorkflowKit.Storage.Sqlite.Runtime;

/// <summary>
/// Runs the runtime store's statements inside a write transaction through statements kept prepared
/// on the writer connection, which <see cref="SqliteDatabase"/> shares between write transactions.
/// Compiling an upsert costs SQLite tens of microseconds, several times what running it costs, and
/// every engine step runs a dozen of them while it holds the write lock. Writes bind their values by
/// index (<see cref="IndexedStatement"/>). Outside a transaction (reads on pooled connections) the
/// statements go through Dapper as before.
/// </summary>
internal static class StepCommands
{
    private static readonly ConcurrentDictionary<Type, ParameterReader[]> Readers = new();

    private static readonly ConditionalWeakTable<SqliteCommand, CachedRowParser> RowParsers = [];

    /// <summary>Executes <paramref name="definition"/> once, or once per item when its parameters are a sequence.</summary>
    public static async Task<int> ExecuteAsync(IStorageTransaction transaction, CommandDefinition definition)
    {
        if (transaction.Connection is not SqliteConnection connection
            || transaction.Transaction is not SqliteTransaction sqliteTransaction
            || definition.Parameters is SqlMapper.IDynamicParameters)
        {
            return await transaction.Connection.ExecuteAsync(definition).ConfigureAwait(false);
        }

        var items = Items(definition.Parameters).Select(Values).ToList();
        if (items.Any(ExpandsList))
        {
            return await transaction.Connection.ExecuteAsync(definition).ConfigureAwait(false);
        }

        var changed = 0;
        if (items.Count > 1 && MultiRow.TryParse(definition.CommandText, out var insert))
        {
            foreach (var chunk in items.Chunk(MultiRow.MaxRows))
            {
                var (sql, values) = insert.Bind(chunk);
                changed += await ExecutePreparedAsync(connection, sqliteTransaction, sql, values, definition.CancellationToken)
                    .ConfigureAwait(false);
            }

            return changed;
        }

        foreach (var values in items)
        {
            changed += await ExecutePreparedAsync(
                connection, sqliteTransaction, definition.CommandText, values, definition.CancellationToken).ConfigureAwait(false);
        }

        return changed;
    }

    /// <summary>Executes a statement whose parameters are given as names (with their @) and values.</summary>
    public static async Task<int> ExecuteAsync(
        IStorageTransaction transaction, string sql, (string Name, object? Value)[] values,
        CancellationToken cancellationToken)
    {
        if (transaction.Connection is SqliteConnection connection && transaction.Transaction is SqliteTransaction sqliteTransaction)
        {
            return await ExecutePreparedAsync(connection, sqliteTransaction, sql, values, cancellationToken)
                .ConfigureAwait(false);
        }

        var parameters = new DynamicParameters();
        foreach (var (name, value) in values)
        {
            parameters.Add(name, value);
        }

        return await transaction.Connection.ExecuteAsync(
            new CommandDefinition(sql, parameters, transaction.Transaction, cancellationToken: cancellationToken))
            .ConfigureAwait(false);
    }

    /// <summary>
    /// Runs a write through <see cref="IndexedStatement"/> when it can bind every value, and through a
    /// prepared <see cref="SqliteCommand"/> otherwise.
    /// </summary>
    internal static Task<int> ExecutePreparedAsync(
        SqliteConnection connection, SqliteTransaction transaction, string sql, (string Name, object? Value)[] values,
        CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return IndexedStatement.CanBind(values)
            ? Task.FromResult(IndexedStatement.Execute(connection, sql, values))
            : PreparedCommands.Get(connection, transaction, sql, values).ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Reads rows of <typeparamref name="T"/>; prepared when <paramref name="transaction"/> is a write transaction.</summary>
    public static async Task<List<T>> QueryAsync<T>(DbConnection connection, DbTransaction? transaction, CommandDefinition definition)
    {
        var values = definition.Parameters is SqlMapper.IDynamicParameters ? null : Values(definition.Parameters);
        if (connection is not SqliteConnection sqlite || transaction is not SqliteTransaction sqliteTransaction
            || values is null || ExpandsList(values))
        {
            return [.. await connection.QueryAsync<T>(definition).ConfigureAwait(false)];
        }

        var command = PreparedCommands.Get(sqlite, sqliteTransaction, definition.CommandText, values);
        var reader = await command.ExecuteReaderAsync(definition.CancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            var rows = new List<T>();
            if (!await reader.ReadAsync(definition.CancellationToken).ConfigureAwait(false))
            {
                return rows;
            }

            var parse = RowParser<T>(command, reader);
            do
            {
                rows.Add(parse(reader));
            }
            while (await reader.ReadAsync(definition.CancellationToken).ConfigureAwait(false));

            return rows;
        }
    }

    /// <summary>Whether the command kept for <paramref name="sql"/> on this connection has a row parser.</summary>
    internal static bool HasRowParser(SqliteConnection connection, string sql) =>
        PreparedCommands.Find(connection, sql) is { } command && RowParsers.TryGetValue(command, out _);

    /// <summary>
    /// Dapper's row parser for the results of <paramref name="command"/>, built on its first row and then kept
    /// with the command. Dapper's <c>Parse</c> looks its parser up again for every result, hashing the name and
    /// type of every column, which showed in CPU profiles of the step path. The cache assumes that a prepared
    /// statement returns the same columns with the same types each time: the runtime store's SELECTs name their
    /// columns, and its tables declare TEXT or INTEGER columns, whose NULLs Microsoft.Data.Sqlite reports with
    /// the declared type.
    /// </summary>
    private static Func<DbDataReader, T> RowParser<T>(SqliteCommand command, DbDataReader reader)
    {
        if (RowParsers.TryGetValue(command, out var cached) && cached.Parse is Func<DbDataReader, T> parse
            && cached.Columns == reader.FieldCount)
        {
            return parse;
        }

        parse = reader.GetRowParser<T>();
        RowParsers.AddOrUpdate(command, new CachedRowParser(parse, reader.FieldCount));
        return parse;
    }

    /// <summary>The properties of a parameter object as parameter names and values.</summary>
    public static (string Name, object? Value)[] Values(object? parameters)
    {
        if (parameters is null)
        {
            return [];
        }

        var readers = Readers.GetOrAdd(parameters.GetType(), ParameterReader.For);
        var values = new (string Name, object? Value)[readers.Length];
        for (var i = 0; i < readers.Length; i++)
        {
            values[i] = (readers[i].Name, readers[i].Read(parameters));
        }

        return values;
    }

    /// <summary>True when a value is a list that Dapper expands into <c>IN (@a1, @a2, ...)</c>; those stay with Dapper.</summary>
    private static bool ExpandsList((string Name, object? Value)[] values)
    {
        foreach (var (_, value) in values)
        {
            // Strings are tested first because most values are strings, and the interface test is slow for them.
            if (value is not (null or string or byte[]) && value is IEnumerable)
            {
                return true;
            }
        }

        return false;
    }

    private static IEnumerable<object?> Items(object? parameters) =>
        parameters is IEnumerable sequence and not string ? sequence.Cast<object?>() : [parameters];

    /// <summary>
    /// One public property of a parameter type: its parameter name with the @ and a compiled getter.
    /// A step binds one value per column of every row it writes, and a reflection call plus a new
    /// name string for each value showed in CPU profiles of the step path.
    /// </summary>
    private sealed record ParameterReader(string Name, Func<object, object?> Read)
    {
        public static ParameterReader[] For(Type type) =>
        [
            .. type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(property => property.CanRead && property.GetIndexParameters().Length == 0)
                .Select(property => new ParameterReader("@" + property.Name, Getter(type, property))),
        ];

        private static Func<object, object?> Getter(Type type, PropertyInfo property)
        {
            var instance = Expression.Parameter(typeof(object), "instance");
            var value = Expression.Property(Expression.Convert(instance, type), property);
            return Expression.Lambda<Func<object, object?>>(Expression.Convert(value, typeof(object)), instance).Compile();
        }
    }

    /// <summary>A row parser and the number of columns of the result it was built for.</summary>
    private sealed record CachedRowParser(Delegate Parse, int Columns);
}
