using WorkflowKit.Storage.PostgreSql;

namespace WorkflowKit.Designer.Hosting.ScaleOut;

/// <summary>
/// Applies the PostgreSQL migrations when a node starts, before it serves requests. Several nodes
/// starting at once are safe: the migrator holds an advisory lock while it works.
/// </summary>
internal sealed class ScaleOutMigration(string connectionString) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var database = new PostgresDatabase(connectionString);
        await PostgresMigrator.MigrateAsync(database, cancellationToken).ConfigureAwait(false);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
