using WorkflowKit.Runtime.Storage;

namespace WorkflowKit.Storage.PostgreSql.Runtime;

/// <summary>The write that moves an instance to another version of its flow.</summary>
public sealed partial class PostgresRuntimeStore
{
    public Task SaveMigrationAsync(
        IStorageTransaction transaction, InstanceMigrationWrite migration, CancellationToken cancellationToken) =>
        InstanceMigrationSql.WriteAsync(transaction, migration, cancellationToken);
}
