using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Dapper;
using WorkflowKit.Files;
using WorkflowKit.Storage.PostgreSql;
using WorkflowKit.Storage.PostgreSql.Records;
using WorkflowKit.Storage.Relational;
using WorkflowKit.Storage.Relational.Files;
using WorkflowKit.Storage.Sqlite;
using WorkflowKit.Storage.Sqlite.Records;

namespace WorkflowKit.Storage.Tests.Files;

/// <summary>
/// A database written before migration 3110, whose records and instances name files without links, upgraded to the
/// latest migration: the link backfill and the sweep must keep every file that data names.
/// </summary>
[TestFixture(StorageProvider.Sqlite)]
[TestFixture(StorageProvider.PostgreSql)]
public sealed class FileLinkBackfillOnStoresTests(StorageProvider provider)
{
    private const int BeforeRecordLinks = 3110;

    private static readonly DateTimeOffset Uploaded = new(2025, 11, 3, 2, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset SweepBefore = Uploaded.AddDays(30);

    private TestDatabase _test = null!;
    private IFileStore _files = null!;
    private OldData _old = null!;

    [SetUp]
    public async Task SetUpAsync()
    {
        _test = await TestDatabase.CreateAsync(provider, migrate: false);
        _files = _test.Database switch
        {
            SqliteDatabase sqlite => new SqliteFileStore(sqlite),
            PostgresDatabase postgres => new PostgresFileStore(postgres),
            _ => throw new InvalidOperationException($"No file store for {_test.Database.GetType().Name}."),
        };
        await MigrateBeforeRecordLinksAsync();
        _old = await WriteOldDataAsync();
    }

    [TearDown]
    public async Task TearDownAsync()
    {
        if (_test is not null)
        {
            await _test.DisposeAsync();
        }
    }

    [Test]
    public async Task Sweep_after_upgrade_keeps_named_files()
    {
        await MigrateAsync();

        var deleted = await _files.DeleteUnlinkedAsync(SweepBefore, default);

        Assert.That(deleted, Is.EqualTo(1));
        Assert.That(await _files.FindAsync(_old.Orphan, default), Is.Null);
        foreach (var (where, id) in _old.Named)
        {
            Assert.That(await _files.FindAsync(id, default), Is.Not.Null, $"file named by {where}");
        }
    }

    [Test]
    public async Task Backfill_links_each_holder()
    {
        await MigrateAsync();

        var counts = await _files.LinkNamedFilesAsync(default);

        Assert.That(counts, Is.EqualTo(new FileLinkCounts(LinksWritten: 6, FilesMarked: 6)));
        Assert.That(await FileLinkBackfill.IsFinishedAsync(_test.Database, default), Is.True);
        var record = new FileHolder(null, "visit", _old.RecordId);
        Assert.That(await _files.ListHoldersAsync(_old.Named["record data"], default), Does.Contain(record));
        Assert.That(await _files.ListHoldersAsync(_old.Named["sub-table row"], default), Does.Contain(record));
        Assert.That(await _files.ListHoldersAsync(_old.Named["audit snapshot"], default), Does.Contain(record));
        var instance = new FileHolder("inst-1", null, null);
        Assert.That(await _files.ListHoldersAsync(_old.Named["instance form"], default), Does.Contain(instance));
        Assert.That(await _files.ListHoldersAsync(_old.Named["variable"], default), Does.Contain(instance));
        Assert.That(await _files.ListHoldersAsync(_old.Named["task form data"], default), Does.Contain(instance));
        Assert.That(await _files.ListHoldersAsync(_old.Orphan, default), Is.Empty);
    }

    [Test]
    public async Task Backfill_again_writes_nothing()
    {
        await MigrateAsync();
        await _files.LinkNamedFilesAsync(default);

        var again = await _files.LinkNamedFilesAsync(default);

        Assert.That(again, Is.EqualTo(FileLinkCounts.None));
    }

    [Test]
    public async Task Backfill_in_batches_of_one()
    {
        await MigrateAsync();
        await using (var connection = await _test.Database.OpenConnectionAsync(default))
        {
            for (var i = 0; i < 4; i++)
            {
                var file = await InsertFileAsync(connection);
                await InsertRecordAsync(connection, new JsonObject { ["photos"] = new JsonArray(Reference(file)) });
            }
        }

        var counts = await FileLinkBackfill.RunAsync(_test.Database, batchSize: 1, default);

        Assert.That(counts, Is.EqualTo(new FileLinkCounts(LinksWritten: 10, FilesMarked: 10)));
        Assert.That(await CountAsync("SELECT COUNT(*) FROM wk_files WHERE NOT linked"), Is.EqualTo(1));
        Assert.That(await CountAsync("SELECT COUNT(*) FROM wk_file_link_backfill WHERE NOT finished"), Is.Zero);
    }

    [Test]
    public async Task Backfill_resumes_after_last_batch()
    {
        await MigrateAsync();
        await using (var connection = await _test.Database.OpenConnectionAsync(default))
        {
            await connection.ExecuteAsync(
                "UPDATE wk_file_link_backfill SET last_key = @Key WHERE source = 'records'",
                new { Key = _old.RecordId.ToString(CultureInfo.InvariantCulture) });
        }

        await _files.LinkNamedFilesAsync(default);

        Assert.That(await _files.ListHoldersAsync(_old.Named["record data"], default), Is.Empty);
        Assert.That(
            await _files.ListHoldersAsync(_old.Named["audit snapshot"], default),
            Is.EqualTo(new[] { new FileHolder(null, "visit", _old.RecordId) }));
    }

    [Test]
    public async Task Sweep_keeps_file_named_without_link()
    {
        await MigrateAsync();
        await _files.LinkNamedFilesAsync(default);
        string unlinked;
        long recordId;
        await using (var connection = await _test.Database.OpenConnectionAsync(default))
        {
            unlinked = await InsertFileAsync(connection);
            recordId = await InsertRecordAsync(
                connection, new JsonObject { ["photos"] = new JsonArray(Reference(unlinked)) });
        }

        var deleted = await _files.DeleteUnlinkedAsync(SweepBefore, default);

        Assert.That(deleted, Is.EqualTo(1));
        Assert.That(await _files.FindAsync(unlinked, default), Is.Not.Null);
        Assert.That(
            await _files.ListHoldersAsync(unlinked, default),
            Is.EqualTo(new[] { new FileHolder(null, "visit", recordId) }));
    }

    [Test]
    public async Task Sweep_keeps_file_in_variable()
    {
        await MigrateAsync();
        await _files.LinkNamedFilesAsync(default);
        string unlinked;
        await using (var connection = await _test.Database.OpenConnectionAsync(default))
        {
            unlinked = await InsertFileAsync(connection);
            await connection.ExecuteAsync(
                "INSERT INTO wk_variables (instance_id, name, value_json) VALUES ('inst-1', 'copy', @Value)",
                new { Value = new JsonArray(Reference(unlinked)).ToJsonString() });
        }

        var deleted = await _files.DeleteUnlinkedAsync(SweepBefore, default);

        Assert.That(deleted, Is.EqualTo(1));
        Assert.That(await _files.FindAsync(unlinked, default), Is.Not.Null);
        Assert.That(
            await _files.ListHoldersAsync(unlinked, default), Does.Contain(new FileHolder("inst-1", null, null)));
    }

    [Test]
    public async Task Sweep_keeps_file_named_after_link_pass()
    {
        // The write links nothing, as a node of an older version would, and commits after the batched link pass.
        await MigrateAsync();
        string unlinked;
        await using (var connection = await _test.Database.OpenConnectionAsync(default))
        {
            unlinked = await InsertFileAsync(connection);
        }

        ((RelationalFileStore)_files).BeforeDeletion = async cancellationToken =>
        {
            await using var connection = await _test.Database.OpenConnectionAsync(cancellationToken);
            await connection.ExecuteAsync(
                "INSERT INTO wk_variables (instance_id, name, value_json) VALUES ('inst-1', 'late', @Value)",
                new { Value = Reference(unlinked).ToJsonString() });
        };

        var deleted = await _files.DeleteUnlinkedAsync(SweepBefore, default);

        Assert.That(deleted, Is.EqualTo(1));
        Assert.That(await _files.FindAsync(unlinked, default), Is.Not.Null);
        Assert.That(await _files.FindAsync(_old.Orphan, default), Is.Null);
        Assert.That(
            await _files.ListHoldersAsync(unlinked, default), Does.Contain(new FileHolder("inst-1", null, null)));
    }

    [Test]
    public async Task Sweep_stops_at_unreadable_row()
    {
        await MigrateAsync();
        long auditId;
        await using (var connection = await _test.Database.OpenConnectionAsync(default))
        {
            auditId = await connection.ExecuteScalarAsync<long>("SELECT MAX(id) FROM wk_audit");
            await connection.ExecuteAsync(
                "UPDATE wk_audit SET form_json = @Cut WHERE id = @Id",
                new { Cut = $"{{\"sign\": {{\"id\": \"{_old.Named["task form data"]}\", \"na", Id = auditId });
        }

        var error = Assert.ThrowsAsync<UnreadableJsonRowException>(() => _files.DeleteUnlinkedAsync(SweepBefore, default));

        var row = $"column form_json of row '{auditId}' in table wk_audit (instance audit form data)";
        Assert.That(error!.Message, Is.EqualTo(
            $"The file link backfill stopped because {row} is not valid JSON, so it cannot tell which files the data " +
            "names, and no file was deleted. Repair or clear the column, then run it again; " +
            "'workflowkit files check' lists every such row."));
        Assert.That(error.Rows, Is.EqualTo(new[]
        {
            new UnreadableJsonRow("wk_audit", auditId.ToString(CultureInfo.InvariantCulture), "form_json",
                "instance audit form data"),
        }));
        Assert.That(await _files.FindAsync(_old.Named["task form data"], default), Is.Not.Null);
        Assert.That(await _files.FindAsync(_old.Orphan, default), Is.Not.Null);
    }

    [Test]
    public async Task Sweep_after_backfill_stops_at_unreadable_row()
    {
        // The backfill has read every row, so the sweep's own link pass is the one that meets the row.
        await MigrateAsync();
        await _files.LinkNamedFilesAsync(default);
        await using (var connection = await _test.Database.OpenConnectionAsync(default))
        {
            await connection.ExecuteAsync(
                "UPDATE wk_variables SET value_json = '[{\"id\": ' WHERE instance_id = 'inst-1'");
        }

        var error = Assert.ThrowsAsync<UnreadableJsonRowException>(() => _files.DeleteUnlinkedAsync(SweepBefore, default));

        Assert.That(error!.Message, Does.StartWith(
            "The file sweep's link pass stopped because column value_json of row 'inst-1' in table wk_variables " +
            "(instance variable) is not valid JSON"));
        Assert.That(await _files.FindAsync(_old.Orphan, default), Is.Not.Null);
    }

    [Test]
    public async Task Sweep_keeps_new_upload()
    {
        await MigrateAsync();

        var deleted = await _files.DeleteUnlinkedAsync(Uploaded.AddSeconds(-1), default);

        Assert.That(deleted, Is.Zero);
        Assert.That(await _files.FindAsync(_old.Orphan, default), Is.Not.Null);
    }

    /// <summary>
    /// Writes data without links, as code before migration 3110 did. A record names files in a field and a sub-table
    /// row, and its audit snapshot names a file that a later edit dropped. An instance names files in its form, a
    /// variable and a task's audit row. One more file is named by nothing but a sub-table row with an extra column.
    /// </summary>
    private async Task<OldData> WriteOldDataAsync()
    {
        await using var connection = await _test.Database.OpenConnectionAsync(default);
        var named = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var where in new[]
                 {
                     "record data", "sub-table row", "audit snapshot", "instance form", "variable", "task form data",
                 })
        {
            named[where] = await InsertFileAsync(connection);
        }

        var orphan = await InsertFileAsync(connection);
        var data = new JsonObject
        {
            ["title"] = "协和",
            ["photos"] = new JsonArray(Reference(named["record data"])),
            ["costs"] = new JsonArray(
                new JsonObject { ["item"] = "taxi", ["receipt"] = Reference(named["sub-table row"]) },
                new JsonObject { ["id"] = orphan, ["name"] = "not a file reference", ["qty"] = 2 }),
        };
        var recordId = await InsertRecordAsync(connection, data);
        var snapshot = new JsonObject
        {
            ["title"] = "协和", ["photos"] = new JsonArray(Reference(named["audit snapshot"])),
        };
        await connection.ExecuteAsync(
            "INSERT INTO record_audit (record_id, form_key, version, action, user_id, at, snapshot) " +
            $"VALUES (@RecordId, 'visit', 1, 'update', 'sales1', @At, {Json("Snapshot")})",
            new { RecordId = recordId, At = Time(), Snapshot = snapshot.ToJsonString() });

        await connection.ExecuteAsync(
            "INSERT INTO wk_instances (id, flow_key, flow_version, status, trigger_kind, initiator, form_json, " +
            "state_json, version, started_at, updated_at) VALUES ('inst-1', 'visit-flow', 1, 'running', 'manual', " +
            "'sales1', @Form, '{}', 1, @At, @At)",
            new { Form = new JsonObject { ["scan"] = Reference(named["instance form"]) }.ToJsonString(), At = Time() });
        await connection.ExecuteAsync(
            "INSERT INTO wk_variables (instance_id, name, value_json) VALUES ('inst-1', 'contract', @Value)",
            new { Value = Reference(named["variable"]).ToJsonString() });
        await connection.ExecuteAsync(
            "INSERT INTO wk_audit (instance_id, at, actor, action, form_json) VALUES ('inst-1', @At, 'mgr', " +
            "'approve', @Form)",
            new { At = Time(), Form = new JsonObject { ["sign"] = Reference(named["task form data"]) }.ToJsonString() });
        return new OldData(named, orphan, recordId);
    }

    private async Task<string> InsertFileAsync(DbConnection connection)
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        await connection.ExecuteAsync(
            "INSERT INTO wk_files (id, name, content_type, size, sha256, uploaded_by, uploaded_at, content) " +
            "VALUES (@Id, 'scan.pdf', 'application/pdf', 3, @Sha, 'sales1', @At, @Content)",
            new
            {
                Id = id,
                Sha = Convert.ToHexStringLower(SHA256.HashData(new byte[] { 1, 2, 3 })),
                At = Time(),
                Content = new byte[] { 1, 2, 3 },
            });
        return id;
    }

    private Task<long> InsertRecordAsync(DbConnection connection, JsonObject data) =>
        connection.ExecuteScalarAsync<long>(
            "INSERT INTO records (form_key, version, data, created_by, created_at, updated_by, updated_at) " +
            $"VALUES ('visit', 1, {Json("Data")}, 'sales1', @At, 'sales1', @At) RETURNING id",
            new { Data = data.ToJsonString(), At = Time() });

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = await _test.Database.OpenConnectionAsync(default);
        return await connection.ExecuteScalarAsync<long>(sql);
    }

    private static JsonObject Reference(string id) => new()
    {
        ["id"] = id, ["name"] = "scan.pdf", ["size"] = 3, ["contentType"] = "application/pdf",
    };

    private string Json(string parameter) => RelationalSql.JsonValue(_test.Database.Dialect, parameter);

    private object Time() => RelationalSql.Timestamp(_test.Database.Dialect, Uploaded);

    /// <summary>Applies the migrations numbered below 3110 and records them, as an older store would have.</summary>
    private async Task MigrateBeforeRecordLinksAsync()
    {
        var (appliedAtType, migrations) = provider == StorageProvider.Sqlite
            ? ("TEXT", SqliteMigrator.LoadMigrations())
            : ("TIMESTAMPTZ", PostgresMigrator.LoadMigrations());
        await using var connection = await _test.Database.OpenConnectionAsync(default);
        await connection.ExecuteAsync(
            "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, " +
            $"applied_at {appliedAtType} NOT NULL)");
        foreach (var migration in migrations.Where(migration => migration.Version < BeforeRecordLinks))
        {
            await using var transaction = await connection.BeginTransactionAsync();
            await connection.ExecuteAsync(migration.Sql, transaction: transaction);
            await connection.ExecuteAsync(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@Version, @Name, @AppliedAt)",
                new { migration.Version, migration.Name, AppliedAt = Time() }, transaction);
            await transaction.CommitAsync();
        }
    }

    private Task MigrateAsync() => _test.Database switch
    {
        SqliteDatabase sqlite => SqliteMigrator.MigrateAsync(sqlite, default),
        PostgresDatabase postgres => PostgresMigrator.MigrateAsync(postgres, default),
        _ => throw new InvalidOperationException($"No migrator for {_test.Database.GetType().Name}."),
    };

    /// <summary>The files that the old data names, by where it names them, the file it does not, and the record.</summary>
    private sealed record OldData(Dictionary<string, string> Named, string Orphan, long RecordId);
}
