using Npgsql;

namespace WorkflowKit.Samples.Tests.Scenarios;

/// <summary>
/// An empty database for a scenario test: a SQLite file in a temporary folder, or a new database on the PostgreSQL
/// server named by WORKFLOWKIT_TEST_POSTGRES. Without that variable a PostgreSQL test is ignored, or fails under
/// CI=true.
/// </summary>
internal sealed class ScenarioDatabase : IAsyncDisposable
{
    private readonly string? _folder;
    private readonly string? _server;
    private readonly string? _name;

    private ScenarioDatabase(string db, string? folder, string? server, string? name)
    {
        Db = db;
        _folder = folder;
        _server = server;
        _name = name;
    }

    /// <summary>The SQLite file path or the PostgreSQL connection string that <c>SampleEnvironment</c> opens.</summary>
    public string Db { get; }

    public static async Task<ScenarioDatabase> CreateAsync(string provider)
    {
        if (provider == "sqlite")
        {
            var folder = TestPaths.NewTempFolder();
            return new ScenarioDatabase(Path.Combine(folder, "scenario.db"), folder, null, null);
        }

        var server = Environment.GetEnvironmentVariable("WORKFLOWKIT_TEST_POSTGRES");
        if (string.IsNullOrWhiteSpace(server))
        {
            const string message = "PostgreSQL is not configured: set WORKFLOWKIT_TEST_POSTGRES to a connection "
                + "string (scripts/test.sh starts a throwaway cluster and sets it).";
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                Assert.Fail(message);
            }

            Assert.Ignore(message);
        }

        var name = $"wk_scenario_{Guid.NewGuid():N}";
        await using (var admin = new NpgsqlConnection(server))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
            await create.ExecuteNonQueryAsync();
        }

        var db = new NpgsqlConnectionStringBuilder(server) { Database = name }.ToString();
        return new ScenarioDatabase(db, null, server, name);
    }

    public async ValueTask DisposeAsync()
    {
        if (_folder is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(_folder, recursive: true);
        }

        if (_name is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(_server);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
