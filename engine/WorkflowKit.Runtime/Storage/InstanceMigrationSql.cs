using System.Data.Common;
using System.Globalization;
using WorkflowKit.Storage;

namespace WorkflowKit.Runtime.Storage;

/// <summary>
/// The write of <see cref="IRuntimeStore.SaveMigrationAsync"/>, in SQL that SQLite and PostgreSQL both
/// run, so that both stores share it.
/// </summary>
public static class InstanceMigrationSql
{
    /// <summary>
    /// Moves the instance to <see cref="InstanceMigrationWrite.FlowVersion"/> if its row is still at
    /// <see cref="InstanceMigrationWrite.ExpectedVersion"/>, rewrites the node, flow version and kind of the
    /// moved tasks and cancels the listed pending timers. Throws <see cref="ConcurrencyConflictException"/>
    /// when the instance changed since it was loaded.
    /// </summary>
    public static async Task WriteAsync(
        IStorageTransaction transaction, InstanceMigrationWrite migration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(migration);
        var changed = await ExecuteAsync(
            transaction,
            "UPDATE wk_instances SET flow_version = @FlowVersion WHERE id = @InstanceId AND version = @ExpectedVersion",
            [("FlowVersion", migration.FlowVersion), ("InstanceId", migration.InstanceId),
             ("ExpectedVersion", migration.ExpectedVersion)],
            cancellationToken).ConfigureAwait(false);
        if (changed == 0)
        {
            var actual = await ReadVersionAsync(transaction, migration.InstanceId, cancellationToken).ConfigureAwait(false);
            throw new ConcurrencyConflictException(
                $"Instance {migration.InstanceId} changed before its migration was written (expected version " +
                $"{migration.ExpectedVersion}, found {actual?.ToString(CultureInfo.InvariantCulture) ?? "no row"}); " +
                "plan the migration again.")
            {
                Subject = $"instance {migration.InstanceId}",
                ExpectedVersion = migration.ExpectedVersion,
                ActualVersion = actual,
            };
        }

        foreach (var task in migration.Tasks)
        {
            await ExecuteAsync(
                transaction,
                "UPDATE wk_tasks SET node_id = @NodeId, flow_version = @FlowVersion, kind = @Kind WHERE id = @Id",
                [("NodeId", task.NodeId), ("FlowVersion", task.FlowVersion), ("Kind", task.Kind), ("Id", task.Id)],
                cancellationToken).ConfigureAwait(false);
        }

        foreach (var timerId in migration.CancelledTimerIds)
        {
            await ExecuteAsync(
                transaction,
                "UPDATE wk_timers SET status = 'cancelled' WHERE id = @Id AND status = 'pending'",
                [("Id", timerId)],
                cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<int> ExecuteAsync(
        IStorageTransaction transaction, string sql, (string Name, object Value)[] parameters,
        CancellationToken cancellationToken)
    {
        await using var command = Command(transaction, sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<long?> ReadVersionAsync(
        IStorageTransaction transaction, string instanceId, CancellationToken cancellationToken)
    {
        await using var command = Command(
            transaction, "SELECT version FROM wk_instances WHERE id = @InstanceId", [("InstanceId", instanceId)]);
        var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return value is null or DBNull ? null : Convert.ToInt64(value, CultureInfo.InvariantCulture);
    }

    private static DbCommand Command(IStorageTransaction transaction, string sql, (string Name, object Value)[] parameters)
    {
        var command = transaction.Connection.CreateCommand();
        command.Transaction = transaction.Transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        return command;
    }
}
