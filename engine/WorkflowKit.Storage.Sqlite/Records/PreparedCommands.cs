using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace WorkflowKit.Storage.Sqlite.Records;

/// <summary>
/// Keeps the hot statements prepared per connection, so that a large import does not compile the
/// same INSERT for every row and a step does not compile its SELECTs again. Commands live as long
/// as their connection object, up to <see cref="MaxPerConnection"/> distinct statements.
/// </summary>
internal static class PreparedCommands
{
    /// <summary>
    /// Distinct statements kept per connection. Record queries build their SQL from filters, and the
    /// database keeps its writer and idle reader connections open indefinitely, so without a bound
    /// each new filter would stay prepared for the life of the process.
    /// </summary>
    internal const int MaxPerConnection = 256;

    private static readonly ConditionalWeakTable<SqliteConnection, Dictionary<string, SqliteCommand>> Cache = [];

    /// <summary>The command kept for <paramref name="sql"/> on this connection, or null when there is none.</summary>
    internal static SqliteCommand? Find(SqliteConnection connection, string sql) =>
        Cache.TryGetValue(connection, out var commands) && commands.TryGetValue(sql, out var command) ? command : null;

    /// <summary>
    /// The prepared command for <paramref name="sql"/> on this connection, with the given parameter values.
    /// </summary>
    public static SqliteCommand Get(
        SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name,
            object? Value)[] values)
    {
        var commands = Cache.GetOrCreateValue(connection);
        if (!commands.TryGetValue(sql, out var command))
        {
            if (commands.Count >= MaxPerConnection)
            {
                // Dropped, not disposed: a caller may still read through one of them. Their statements
                // are finalized when the commands are collected or the connection closes.
                commands.Clear();
            }

            command = connection.CreateCommand();
            command.CommandText = sql;
            foreach (var (name, _) in values)
            {
                command.Parameters.Add(new SqliteParameter(name, null));
            }

            commands[sql] = command;
        }

        command.Transaction = transaction;
        var parameters = command.Parameters;
        for (var i = 0; i < values.Length; i++)
        {
            var (name, value) = values[i];

            // Callers pass the values in the order the command was created with. A lookup by name
            // scans the whole collection, which adds up on multi-row inserts.
            var parameter = i < parameters.Count && string.Equals(parameters[i].ParameterName, name, StringComparison.Ordinal)
                ? parameters[i]
                : parameters[name];
            parameter.Value = value ?? DBNull.Value;
        }

        return command;
    }
}
