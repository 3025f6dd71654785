using Npgsql;

namespace WorkflowKit.Cli.Tests;

/// <summary>
/// A database of its own on the server in WORKFLOWKIT_TEST_POSTGRES, dropped on dispose. Without the variable the
/// calling test is ignored, or failed under CI=true.
/// </summary>
internal sealed class PostgresTestDatabase : IAsyncDisposable
{
    private readonly string _server;
    private readonly string _name;

    private PostgresTestDatabase(string server, string name)
    {
        _server = server;
        _name = name;
    }

    /// <summary>The connection string of the new database, as the CLI's <c>--db</c> option takes it.</summary>
    public string ConnectionString => new NpgsqlConnectionStringBuilder(_server) { Database = _name }.ToString();

    public static async Task<PostgresTestDatabase> CreateAsync()
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

        var name = $"wk_cli_{Guid.NewGuid():N}";
        await using var admin = new NpgsqlConnection(server);
        await admin.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
        await create.ExecuteNonQueryAsync();
        return new PostgresTestDatabase(server!, name);
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
