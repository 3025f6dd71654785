using Dapper;
using WorkflowKit.Storage.PostgreSql;
using WorkflowKit.Storage.Sqlite;

namespace WorkflowKit.Storage.Tests;

[TestFixture(StorageProvider.Sqlite)]
[TestFixture(StorageProvider.PostgreSql)]
public sealed class MigrationContractTests(StorageProvider provider)
{
    [Test]
    public async Task Migrate_twice_at_once_applies_each_script_once()
    {
        await using var test = await TestDatabase.CreateAsync(provider, migrate: false);

        await Task.WhenAll(Task.Run(() => MigrateAsync(test)), Task.Run(() => MigrateAsync(test)));

        await using var connection = await test.Database.OpenConnectionAsync(CancellationToken.None);
        var versions = (await connection.QueryAsync<int>("SELECT version FROM schema_migrations ORDER BY version"))
            .ToList();
        Assert.That(versions, Is.EqualTo(ExpectedVersions()));
    }

    private List<int> ExpectedVersions() => provider == StorageProvider.Sqlite
        ? [.. SqliteMigrator.LoadMigrations().Select(m => m.Version)]
        : [.. PostgresMigrator.LoadMigrations().Select(m => m.Version)];

    private static Task MigrateAsync(TestDatabase test) => test.Database switch
    {
        SqliteDatabase sqlite => SqliteMigrator.MigrateAsync(sqlite, CancellationToken.None),
        PostgresDatabase postgres => PostgresMigrator.MigrateAsync(postgres, CancellationToken.None),
        _ => throw new InvalidOperationException("Unknown database type."),
    };
}
