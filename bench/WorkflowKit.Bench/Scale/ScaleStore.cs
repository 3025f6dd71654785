using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using WorkflowKit.Bench.Engine;
using WorkflowKit.Storage.Sqlite;

namespace WorkflowKit.Bench.Scale;

/// <summary>
/// A large store for the scale section, written once with bulk inserts straight into the tables
/// the migrations create, and kept in the work directory under a name that carries the schema
/// version (the highest migration number and a hash of all migration scripts) and the sizes, so
/// later runs reuse it until the schema changes.
/// </summary>
/// <remarks>
/// Contents: <c>instances</c> instances of the approval flow, of which <c>openTasks</c> are
/// running with one open approval task each and the rest completed with one approved task and
/// one shipment record each. Open tasks are spread over <see cref="Approvers"/> approvers.
/// Tables that no measured query reads (audit, notifications, task assignees) stay empty.
/// </remarks>
public static class ScaleStore
{
    public const int Approvers = 1_000;

    /// <summary>Changes when the generator writes different data.</summary>
    private const int GeneratorVersion = 1;

    private const int BatchRows = 50_000;

    public static string Approver(int index) => "approver-" + index.ToString("0000", CultureInfo.InvariantCulture);

    /// <summary>Returns the path of the cached store, generating it first when it is missing.</summary>
    public static async Task<(string Path, TimeSpan? Generated)> EnsureAsync(string directory, int instances, int openTasks)
    {
        var path = Path.Combine(directory, string.Create(
            CultureInfo.InvariantCulture, $"scale-{SchemaKey()}-g{GeneratorVersion}-{instances}-{openTasks}.db"));
        if (File.Exists(path))
        {
            return (path, null);
        }

        var building = path + ".building";
        foreach (var file in new[] { building, building + "-wal", building + "-shm" })
        {
            File.Delete(file);
        }

        var watch = Stopwatch.StartNew();
        var database = new SqliteDatabase(building);
        await SqliteMigrator.MigrateAsync(database, CancellationToken.None);
        var records = new WorkflowKit.Storage.Sqlite.Records.SqliteRecordStore(database, TimeProvider.System);
        await records.RegisterFormAsync(OrderDefinitions.Shipment(), CancellationToken.None);
        await FillAsync(building, instances, openTasks);
        SqliteConnection.ClearAllPools();
        File.Move(building, path);
        return (path, watch.Elapsed);
    }

    /// <summary>The highest migration number and a short hash of every migration script.</summary>
    public static string SchemaKey()
    {
        var migrations = SqliteMigrator.LoadMigrations();
        var text = string.Concat(migrations.Select(migration => migration.Name + "\n" + migration.Sql));
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..10];
        return string.Create(CultureInfo.InvariantCulture, $"v{migrations[^1].Version}-{hash}");
    }

    private static async Task FillAsync(string path, int instances, int openTasks)
    {
        await using var connection = new SqliteConnection(
            new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        await connection.OpenAsync();
        await ExecuteAsync(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF; PRAGMA cache_size=-200000;");

        var writer = new ScaleRowWriter(connection);
        var firstOpen = instances - openTasks;
        for (var start = 0; start < instances; start += BatchRows)
        {
            await using var transaction = connection.BeginTransaction();
            writer.Begin(transaction);
            for (var i = start; i < Math.Min(instances, start + BatchRows); i++)
            {
                writer.WriteInstance(i, open: i >= firstOpen);
            }

            await transaction.CommitAsync();
        }

        await ExecuteAsync(connection, "PRAGMA wal_checkpoint(TRUNCATE);");
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
