using Npgsql;
using WorkflowKit.Storage.PostgreSql;
using WorkflowKit.Storage.Sqlite;

namespace WorkflowKit.Storage.Tests;

/// <summary>
/// A fresh, migrated database for one test: a temp SQLite file, or a new database in the
/// PostgreSQL server named by WORKFLOWKIT_TEST_POSTGRES (scripts/test.sh starts one).
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "WORKFLOWKIT_TEST_POSTGRES";

    private readonly Func<ValueTask> _cleanup;

    private TestDatabase(IDatabase database, string connectionString, Func<ValueTask> cleanup)
    {
        Database = database;
        ConnectionString = connectionString;
        _cleanup = cleanup;
    }

    public IDatabase Database { get; }

    /// <summary>SQLite file path or PostgreSQL connection string of this database.</summary>
    public string ConnectionString { get; }

    public static async Task<TestDatabase> CreateAsync(StorageProvider provider, bool migrate = true)
    {
        return provider switch
        {
            StorageProvider.Sqlite => await CreateSqliteAsync(migrate),
            StorageProvider.PostgreSql => await CreatePostgresAsync(migrate),
            _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown storage provider."),
        };
    }

    /// <summary>Returns the server connection string, or ignores the test (fails it under CI=true).</summary>
    public static string RequirePostgres()
    {
        var connectionString = Environment.GetEnvironmentVariable(PostgresVariable);
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            return connectionString;
        }

        const string message = $"PostgreSQL is not configured: set {PostgresVariable} to a connection string " +
                               "(scripts/test.sh starts a throwaway cluster and sets it).";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail(message);
        }

        Assert.Ignore(message);
        return string.Empty;
    }

    public ValueTask DisposeAsync() => _cleanup();

    private static async Task<TestDatabase> CreateSqliteAsync(bool migrate)
    {
        var path = Path.Combine(Path.GetTempPath(), $"wk-test-{Guid.NewGuid():N}.db");
        var database = new SqliteDatabase(path);
        if (migrate)
        {
            await SqliteMigrator.MigrateAsync(database, CancellationToken.None);
        }

        return new TestDatabase(database, path, () =>
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var file in new[] { path, path + "-wal", path + "-shm" })
            {
                File.Delete(file);
            }

            return ValueTask.CompletedTask;
        });
    }

    private static async Task<TestDatabase> CreatePostgresAsync(bool migrate)
    {
        var server = RequirePostgres();
        var name = $"wk_test_{Guid.NewGuid():N}";
        await using (var admin = new NpgsqlConnection(server))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
            await create.ExecuteNonQueryAsync();
        }

        var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ToString();
        var database = new PostgresDatabase(connectionString);
        if (migrate)
        {
            await PostgresMigrator.MigrateAsync(database, CancellationToken.None);
        }

        return new TestDatabase(database, connectionString, async () =>
        {
            await database.DisposeAsync();
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(server);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        });
    }
}
