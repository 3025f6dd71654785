using System.Collections;
using System.Collections.Concurrent;
using System.Data.Common;
using System.Linq.Expressions;
using System.Reflection;
using Dapper;
using Microsoft.Data.Sqlite;
using WorkflowKit.Storage.Sqlite.Records;

namespace WorkflowKit.Storage.Sqlite.Runtime;

/// <summary>
/// Runs the runtime store's statements inside a write transaction through commands kept prepared
/// on the writer connection, which <see cref="SqliteDatabase"/> shares between write transactions.
/// Compiling an upsert costs SQLite tens of microseconds, several times what running it costs, and
/// every engine step runs a dozen of them while it holds the write lock. Outside a transaction
/// (reads on pooled connections) the statements go through Dapper as before.
/// </summary>
internal static class StepCommands
{
    private static readonly ConcurrentDictionary<Type, ParameterReader[]> Readers = new();

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
                var command = PreparedCommands.Get(connection, sqliteTransaction, sql, values);
                changed += await command.ExecuteNonQueryAsync(definition.CancellationToken).ConfigureAwait(false);
            }

            return changed;
        }

        foreach (var values in items)
        {
            var command = PreparedCommands.Get(connection, sqliteTransaction, definition.CommandText, values);
            changed += await command.ExecuteNonQueryAsync(definition.CancellationToken).ConfigureAwait(false);
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
            return await PreparedCommands.Get(connection, sqliteTransaction, sql, values)
                .ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
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
            return [.. reader.Parse<T>()];
        }
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
    private static bool ExpandsList((string Name, object? Value)[] values) =>
        values.Any(pair => pair.Value is IEnumerable and not string and not byte[]);

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
}
