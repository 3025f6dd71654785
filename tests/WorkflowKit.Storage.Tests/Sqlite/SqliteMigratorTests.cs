using Dapper;
using WorkflowKit.Storage.Sqlite;

namespace WorkflowKit.Storage.Tests.Sqlite;

public sealed class SqliteMigratorTests
{
    private string _path = string.Empty;

    [SetUp]
    public void CreatePath() => _path = Path.Combine(Path.GetTempPath(), $"wk-migrate-{Guid.NewGuid():N}.db");

    [TearDown]
    public void DeleteFiles()
    {
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" })
        {
            File.Delete(file);
        }
    }

    [Test]
    public async Task Migrate_applies_every_embedded_script_once()
    {
        var database = new SqliteDatabase(_path);

        await SqliteMigrator.MigrateAsync(database, CancellationToken.None);
        await SqliteMigrator.MigrateAsync(database, CancellationToken.None);

        await using var connection = await database.OpenConnectionAsync(CancellationToken.None);
        var versions = (await connection.QueryAsync<int>("SELECT version FROM schema_migrations ORDER BY version")).ToList();
        Assert.That(versions, Is.EqualTo(SqliteMigrator.LoadMigrations().Select(m => m.Version).ToList()));
        Assert.That(versions, Is.Unique);
    }

    [Test]
    public async Task Migrate_from_two_tasks_at_once_records_each_version_once()
    {
        var database = new SqliteDatabase(_path);

        await Task.WhenAll(
            Task.Run(() => SqliteMigrator.MigrateAsync(database, CancellationToken.None)),
            Task.Run(() => SqliteMigrator.MigrateAsync(database, CancellationToken.None)));

        await using var connection = await database.OpenConnectionAsync(CancellationToken.None);
        var count = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM schema_migrations");
        Assert.That(count, Is.EqualTo(SqliteMigrator.LoadMigrations().Count));
    }

    [Test]
    public async Task Open_uses_wal_journal()
    {
        var database = new SqliteDatabase(_path);

        await using var connection = await database.OpenConnectionAsync(CancellationToken.None);
        var mode = await connection.ExecuteScalarAsync<string>("PRAGMA journal_mode");

        Assert.That(mode, Is.EqualTo("wal"));
    }
}
