using System.Text.Json.Nodes;
using Dapper;
using WorkflowKit.Storage.Relational;

namespace WorkflowKit.Cli.Tests;

/// <summary>
/// <c>workflowkit files check</c> on each provider: references whose file is missing, and old unlinked uploads
/// split into those that data names and those that nothing names. The PostgreSQL fixture needs
/// WORKFLOWKIT_TEST_POSTGRES; it is skipped without it and fails under CI=true.
/// </summary>
[TestFixture("sqlite")]
[TestFixture("postgres")]
public sealed class FileCheckCommandTests(string provider)
{
    private const string Named = "0000000000000000000000000000000a";
    private const string Unnamed = "0000000000000000000000000000000b";
    private const string Missing = "0000000000000000000000000000000c";
    private const string Recent = "0000000000000000000000000000000d";

    // CliRun's clock reads 2025-05-06T01:00Z, so the default grace period of 24 hours starts at 2025-05-05T01:00Z.
    private static readonly DateTimeOffset Old = new(2025, 5, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset New = new(2025, 5, 6, 0, 30, 0, TimeSpan.Zero);

    private string _folder = string.Empty;
    private PostgresTestDatabase? _database;
    private string _db = string.Empty;

    [SetUp]
    public async Task SetUpAsync()
    {
        _folder = TestPaths.NewTempFolder();
        if (provider == "sqlite")
        {
            _db = Path.Combine(_folder, "wk.db");
        }
        else
        {
            _database = await PostgresTestDatabase.CreateAsync();
            _db = _database.ConnectionString;
        }

        await using var stores = await DatabaseFactory.OpenStoresAsync(_db, TimeProvider.System, default);
        await using var connection = await stores.Database.OpenConnectionAsync(default);
        var dialect = stores.Database.Dialect;
        foreach (var (id, at) in new[] { (Named, Old), (Unnamed, Old), (Recent, New) })
        {
            await connection.ExecuteAsync(
                "INSERT INTO wk_files (id, name, content_type, size, sha256, uploaded_by, uploaded_at, content) " +
                "VALUES (@Id, 'scan.pdf', 'application/pdf', 3, 'x', 'sales1', @At, @Content)",
                new { Id = id, At = RelationalSql.Timestamp(dialect, at), Content = new byte[] { 1, 2, 3 } });
        }

        var data = new JsonObject
        {
            ["photos"] = new JsonArray(Reference(Named), Reference(Missing)),
            ["items"] = new JsonArray(new JsonObject { ["id"] = "P-001", ["name"] = "试剂盒" }),
        };
        await connection.ExecuteAsync(
            "INSERT INTO records (form_key, version, data, created_by, created_at, updated_by, updated_at) " +
            $"VALUES ('visit', 1, {RelationalSql.JsonValue(dialect, "Data")}, 'sales1', @At, 'sales1', @At)",
            new { Data = data.ToJsonString(), At = RelationalSql.Timestamp(dialect, Old) });
        await connection.ExecuteAsync(
            "INSERT INTO wk_instances (id, flow_key, flow_version, status, trigger_kind, initiator, form_json, " +
            "state_json, version, started_at, updated_at) VALUES ('inst-1', 'visit-flow', 1, 'running', 'manual', " +
            "'sales1', @Form, '{}', 1, @At, @At)",
            new
            {
                Form = new JsonObject { ["scan"] = Reference(Missing) }.ToJsonString(),
                At = RelationalSql.Timestamp(dialect, Old),
            });
    }

    [TearDown]
    public async Task TearDownAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (_folder.Length > 0)
        {
            Directory.Delete(_folder, recursive: true);
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    [Test]
    public async Task Check_lists_missing_and_unlinked()
    {
        var run = await CliRun.RunAsync("files", "check", "--db", _db);

        Assert.That(run.ExitCode, Is.EqualTo(1), run.Error);
        Assert.That(run.OutputLines, Is.EqualTo(new[]
        {
            "Missing files: 1 file(s) named by data but not stored, in 2 place(s).",
            $"{Missing}  instance inst-1 (instance form)",
            $"{Missing}  record 1 of form 'visit' (record data)",
            "Unlinked files uploaded before 2025-05-05T01:00:00Z: 2, of which 1 named by data (the next sweep " +
            "links them) and 1 named by nothing (the next sweep deletes them).",
            $"{Named}  scan.pdf  3 bytes  uploaded 2025-05-01T08:00:00Z  named by data",
            $"{Unnamed}  scan.pdf  3 bytes  uploaded 2025-05-01T08:00:00Z  named by nothing",
            "Link backfill: not finished; the designer's file sweep finishes it before it deletes anything.",
        }));
        Assert.That(await CountAsync("SELECT COUNT(*) FROM wk_files WHERE linked"), Is.Zero);
        Assert.That(await CountAsync("SELECT COUNT(*) FROM wk_file_record_links"), Is.Zero);
    }

    [Test]
    public async Task Check_without_missing_exits_zero()
    {
        await ExecuteAsync("DELETE FROM records");
        await ExecuteAsync("DELETE FROM wk_instances");

        var run = await CliRun.RunAsync("files", "check", "--db", _db, "--grace-hours", "1");

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Error);
        Assert.That(run.OutputLines[0], Is.EqualTo("Missing files: 0 file(s) named by data but not stored, in 0 place(s)."));
        Assert.That(run.OutputLines[1], Does.StartWith("Unlinked files uploaded before 2025-05-06T00:00:00Z: 2, of which 0"));
    }

    [Test]
    public async Task Check_names_unreadable_row()
    {
        // The instance form is TEXT on both providers, so a cut-off value can reach it; the record's row stays readable.
        await ExecuteAsync("UPDATE wk_instances SET form_json = '{\"scan\": {\"id\": ' WHERE id = 'inst-1'");

        var run = await CliRun.RunAsync("files", "check", "--db", _db);

        Assert.That(run.ExitCode, Is.EqualTo(1), run.Error);
        Assert.That(run.OutputLines, Is.EqualTo(new[]
        {
            "Missing files: 1 file(s) named by data but not stored, in 1 place(s).",
            $"{Missing}  record 1 of form 'visit' (record data)",
            "Unreadable rows: 1 row(s) whose JSON is not valid. The file sweep deletes nothing until each is " +
            "repaired or cleared, because it cannot tell which files they name.",
            "wk_instances  row inst-1  column form_json (instance form)",
            "Unlinked files uploaded before 2025-05-05T01:00:00Z: 2, of which 1 named by data (the next sweep " +
            "links them) and 1 named by nothing (the next sweep deletes them).",
            $"{Named}  scan.pdf  3 bytes  uploaded 2025-05-01T08:00:00Z  named by data",
            $"{Unnamed}  scan.pdf  3 bytes  uploaded 2025-05-01T08:00:00Z  named by nothing",
            "Link backfill: not finished; the designer's file sweep finishes it before it deletes anything.",
        }));
    }

    [Test]
    public async Task Check_rejects_negative_grace()
    {
        var run = await CliRun.RunAsync("files", "check", "--db", _db, "--grace-hours", "-1");

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Error, Does.StartWith("error: --grace-hours -1 is negative. Give 0 or more hours, such as 24."));
    }

    private static JsonObject Reference(string id) => new()
    {
        ["id"] = id, ["name"] = "scan.pdf", ["size"] = 3, ["contentType"] = "application/pdf",
    };

    private async Task<long> CountAsync(string sql)
    {
        await using var stores = await DatabaseFactory.OpenStoresAsync(_db, TimeProvider.System, default);
        await using var connection = await stores.Database.OpenConnectionAsync(default);
        return await connection.ExecuteScalarAsync<long>(sql);
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var stores = await DatabaseFactory.OpenStoresAsync(_db, TimeProvider.System, default);
        await using var connection = await stores.Database.OpenConnectionAsync(default);
        await connection.ExecuteAsync(sql);
    }
}
