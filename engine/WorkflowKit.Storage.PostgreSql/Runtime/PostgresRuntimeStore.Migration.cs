using System.Globalization;
using Dapper;
using WorkflowKit.Runtime.Storage;

namespace WorkflowKit.Storage.PostgreSql.Runtime;

/// <summary>The write that moves an instance to another version of its flow.</summary>
public sealed partial class PostgresRuntimeStore
{
    public async Task SaveMigrationAsync(
        IStorageTransaction transaction, InstanceMigrationWrite migration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(migration);
        var changed = await transaction.Connection.ExecuteAsync(new CommandDefinition(
            "UPDATE wk_instances SET flow_version = @FlowVersion WHERE id = @InstanceId AND version = @ExpectedVersion",
            new { migration.InstanceId, migration.FlowVersion, migration.ExpectedVersion }, transaction.Transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (changed == 0)
        {
            var actual = await transaction.Connection.ExecuteScalarAsync<long?>(new CommandDefinition(
                "SELECT version FROM wk_instances WHERE id = @InstanceId", new { migration.InstanceId },
                transaction.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
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
            await transaction.Connection.ExecuteAsync(new CommandDefinition(
                "UPDATE wk_tasks SET node_id = @NodeId, flow_version = @FlowVersion, kind = @Kind WHERE id = @Id",
                new { task.Id, task.NodeId, task.FlowVersion, task.Kind }, transaction.Transaction,
                cancellationToken: cancellationToken)).ConfigureAwait(false);
        }

        foreach (var timerId in migration.CancelledTimerIds)
        {
            await transaction.Connection.ExecuteAsync(new CommandDefinition(
                "UPDATE wk_timers SET status = 'cancelled' WHERE id = @Id AND status = 'pending'",
                new { Id = timerId }, transaction.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }
    }
}
