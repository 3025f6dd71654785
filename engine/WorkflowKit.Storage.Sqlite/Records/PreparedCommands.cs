using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace WorkflowKit.Storage.Sqlite.Records;

/// <summary>
/// Keeps the hot write statements prepared per connection, so that a large import does not
/// compile the same INSERT for every row. Commands live as long as their connection object.
/// </summary>
internal static class PreparedCommands
{
    private static readonly ConditionalWeakTable<SqliteConnection, Dictionary<string, SqliteCommand>> Cache = [];

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
