using Npgsql;
using WorkflowKit.Storage.PostgreSql;

namespace WorkflowKit.Designer.Tests.ScaleOut;

/// <summary>
/// A fresh, migrated PostgreSQL database that stands for the one all designer nodes share, in
/// the server named by WORKFLOWKIT_TEST_POSTGRES; skipped without it, failed under CI=true.
/// </summary>
internal sealed class SharedDatabase : IAsyncDisposable
{
    private readonly string _server;
    private readonly string _name;

    private SharedDatabase(string server, string name, string connectionString)
    {
        _server = server;
        _name = name;
        ConnectionString = connectionString;
    }

    public string ConnectionString { get; }

    public static async Task<SharedDatabase> CreateAsync()
    {
        var server = Environment.GetEnvironmentVariable("WORKFLOWKIT_TEST_POSTGRES");
        if (string.IsNullOrWhiteSpace(server))
        {
            const string message = "PostgreSQL is not configured: set WORKFLOWKIT_TEST_POSTGRES to a connection " +
                                   "string (scripts/test.sh starts a throwaway cluster and sets it).";
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                Assert.Fail(message);
            }

            Assert.Ignore(message);
        }

        var name = $"wk_designer_{Guid.NewGuid():N}";
        await using (var admin = new NpgsqlConnection(server))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
            await create.ExecuteNonQueryAsync();
        }

        var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ToString();
        await using (var database = new PostgresDatabase(connectionString))
        {
            await PostgresMigrator.MigrateAsync(database, CancellationToken.None);
        }

        return new SharedDatabase(server!, name, connectionString);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(_server);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }
}
