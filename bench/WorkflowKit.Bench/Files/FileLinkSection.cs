using System.Diagnostics;
using Dapper;
using WorkflowKit.Storage;
using WorkflowKit.Storage.PostgreSql;
using WorkflowKit.Storage.Relational.Files;
using WorkflowKit.Storage.Sqlite;

namespace WorkflowKit.Bench.Files;

/// <summary>
/// Section "filelinks": the one-time file link backfill and the sweep's link pass on a store with 100,000 records
/// (10,000 with --quick). Each record names one file in a field and has one audit snapshot that names it too, as
/// the records API wrote them before migration 3110: no links, every file unmarked. Runs on SQLite, and on
/// PostgreSQL when --postgres gives a connection string (in a schema of its own that is dropped afterwards).
/// </summary>
public static class FileLinkSection
{
    public static async Task RunAsync(BenchOptions options, BenchPlan plan, BenchReport report)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(report);
        var records = options.Quick ? 10_000 : 100_000;

        var path = Path.Combine(options.WorkDirectory, "filelinks.db");
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            File.Delete(file);
        }

        var sqlite = new SqliteDatabase(path, options.SqliteDatabase);
        await SqliteMigrator.MigrateAsync(sqlite, default);
        await MeasureAsync(sqlite, "sqlite", records, SqliteSeedSql, report);

        if (options.PostgresConnectionString is { } postgres)
        {
            var schema = $"bench_filelinks_{Environment.ProcessId}";
            await using (var admin = new Npgsql.NpgsqlConnection(postgres))
            {
                await admin.OpenAsync();
                await admin.ExecuteAsync($"CREATE SCHEMA {schema}");
            }

            try
            {
                await using var database = new PostgresDatabase($"{postgres};Search Path={schema}");
                await PostgresMigrator.MigrateAsync(database, default);
                await MeasureAsync(database, "postgres", records, PostgresSeedSql, report);
            }
            finally
            {
                await using var admin = new Npgsql.NpgsqlConnection(postgres);
                await admin.OpenAsync();
                await admin.ExecuteAsync($"DROP SCHEMA {schema} CASCADE");
            }
        }
    }

    private static async Task MeasureAsync(
        IDatabase database, string name, int records, string[] seedSql, BenchReport report)
    {
        await using (var connection = await database.OpenConnectionAsync(default))
        {
            foreach (var sql in seedSql)
            {
                await connection.ExecuteAsync(sql, new { Count = records }, commandTimeout: 600);
            }
        }

        var watch = Stopwatch.StartNew();
        var counts = await FileLinkBackfill.RunAsync(database, FileLinkBackfill.DefaultBatchSize, default);
        report.Add($"filelinks.{name}.backfillSeconds", watch.Elapsed.TotalSeconds, "s");
        report.Add($"filelinks.{name}.backfillLinks", counts.LinksWritten, "links");

        // One old unlinked file that nothing names makes the sweep read every source.
        await using (var connection = await database.OpenConnectionAsync(default))
        {
            await connection.ExecuteAsync(
                "UPDATE wk_files SET linked = @Linked WHERE id = (SELECT MIN(id) FROM wk_files)", new { Linked = false });
            await connection.ExecuteAsync("DELETE FROM wk_file_record_links WHERE file_id = (SELECT MIN(id) FROM wk_files)");
        }

        watch.Restart();
        var relinked = await FileLinkBackfill.LinkUnlinkedAsync(
            database, TimeProvider.System.GetUtcNow(), FileLinkBackfill.DefaultBatchSize, default);
        report.Add($"filelinks.{name}.sweepPassSeconds", watch.Elapsed.TotalSeconds, "s");
        report.Add($"filelinks.{name}.sweepPassLinks", relinked.LinksWritten, "links");
    }

    private const string SqliteReference =
        "json_object('id', printf('%032x', n), 'name', 'scan.pdf', 'size', 3, 'contentType', 'application/pdf')";

    private static readonly string[] SqliteSeedSql =
    [
        "WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < @Count) " +
        "INSERT INTO wk_files (id, name, content_type, size, sha256, uploaded_by, uploaded_at, content) " +
        "SELECT printf('%032x', n), 'scan.pdf', 'application/pdf', 3, 'x', 'sales1', '2025-01-01T00:00:00.0000000Z', " +
        "x'010203' FROM s",
        "WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < @Count) " +
        "INSERT INTO records (form_key, version, data, created_by, created_at, updated_by, updated_at) " +
        "SELECT 'visit', 1, json_object('title', 'visit ' || n, 'photos', json_array(" + SqliteReference + "), " +
        "'costs', json_array(json_object('item', 'taxi', 'amount', 12.5))), 'sales1', " +
        "'2025-01-01T00:00:00.0000000Z', 'sales1', '2025-01-01T00:00:00.0000000Z' FROM s",
        "INSERT INTO record_audit (record_id, form_key, version, action, user_id, at, snapshot) " +
        "SELECT id, form_key, 1, 'create', 'sales1', created_at, data FROM records",
    ];

    private const string PostgresReference =
        "jsonb_build_object('id', lpad(to_hex(n), 32, '0'), 'name', 'scan.pdf', 'size', 3, " +
        "'contentType', 'application/pdf')";

    private static readonly string[] PostgresSeedSql =
    [
        "INSERT INTO wk_files (id, name, content_type, size, sha256, uploaded_by, uploaded_at, content) " +
        "SELECT lpad(to_hex(n), 32, '0'), 'scan.pdf', 'application/pdf', 3, 'x', 'sales1', '2025-01-01Z', " +
        "'\\x010203'::bytea FROM generate_series(1, @Count) n",
        "INSERT INTO records (form_key, version, data, created_by, created_at, updated_by, updated_at) " +
        "SELECT 'visit', 1, jsonb_build_object('title', 'visit ' || n, 'photos', jsonb_build_array(" +
        PostgresReference + "), 'costs', jsonb_build_array(jsonb_build_object('item', 'taxi', 'amount', 12.5))), " +
        "'sales1', '2025-01-01Z', 'sales1', '2025-01-01Z' FROM generate_series(1, @Count) n",
        "INSERT INTO record_audit (record_id, form_key, version, action, user_id, at, snapshot) " +
        "SELECT id, form_key, 1, 'create', 'sales1', created_at, data FROM records",
    ];
}
