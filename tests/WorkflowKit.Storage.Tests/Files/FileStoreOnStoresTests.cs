using System.Security.Cryptography;
using Dapper;
using WorkflowKit.Files;
using WorkflowKit.Storage.PostgreSql;
using WorkflowKit.Storage.PostgreSql.Records;
using WorkflowKit.Storage.Relational;
using WorkflowKit.Storage.Sqlite;
using WorkflowKit.Storage.Sqlite.Records;

namespace WorkflowKit.Storage.Tests.Files;

/// <summary>
/// The file store of migration 3100 on each provider: a file and its content round-trip, links name the instances
/// and the records they wrote, and the sweep removes only old unlinked files.
/// </summary>
[TestFixture(StorageProvider.Sqlite)]
[TestFixture(StorageProvider.PostgreSql)]
[Parallelizable(ParallelScope.All)]
public sealed class FileStoreOnStoresTests(StorageProvider provider)
{
    private static readonly DateTimeOffset Noon = new(2026, 3, 5, 4, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task File_round_trips_with_content()
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var store = StoreOn(test.Database);
        byte[] content = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 1, 2, 255];
        var file = NewFile("合同 2026（盖章版）.pdf", content, Noon);

        await store.InsertAsync(file, content, CancellationToken.None);
        var found = await store.FindAsync(file.Id, CancellationToken.None);
        var read = await store.ReadContentAsync(file.Id, CancellationToken.None);

        Assert.That(found, Is.EqualTo(file));
        Assert.That(read, Is.EqualTo(content));
        Assert.That(await store.FindAsync("0123456789abcdef0123456789abcdef", CancellationToken.None), Is.Null);
        Assert.That(await store.ReadContentAsync("0123456789abcdef0123456789abcdef", CancellationToken.None), Is.Null);
    }

    [Test]
    public async Task Insert_with_wrong_size_throws()
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var store = StoreOn(test.Database);
        var file = NewFile("a.txt", [1, 2, 3], Noon) with { Size = 4 };

        var error = Assert.ThrowsAsync<ArgumentException>(() => store.InsertAsync(file, new byte[] { 1, 2, 3 }, default));

        Assert.That(error!.Message, Does.Contain("states a size of 4 bytes but its content has 3"));
        Assert.That(await store.FindAsync(file.Id, CancellationToken.None), Is.Null);
    }

    [Test]
    public async Task Holders_list_instance_and_its_records()
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var store = StoreOn(test.Database);
        var file = NewFile("photo.png", [1, 2, 3], Noon);
        await store.InsertAsync(file, new byte[] { 1, 2, 3 }, CancellationToken.None);
        var recordId = await InsertRecordAsync(test.Database, "site-visit", "instance-1");

        await store.LinkAsync([FileLink.ToInstance(file.Id, "instance-1")], null, CancellationToken.None);
        await store.LinkAsync(
            [FileLink.ToInstance(file.Id, "instance-1"), FileLink.ToInstance(file.Id, "instance-2"),
                FileLink.ToRecord(file.Id, "expense", 41)],
            null, CancellationToken.None);
        var holders = await store.ListHoldersAsync(file.Id, CancellationToken.None);

        Assert.That(holders, Is.EqualTo(new[]
        {
            new FileHolder("instance-1", null, null),
            new FileHolder("instance-2", null, null),
            new FileHolder(null, "expense", 41),
            new FileHolder("instance-1", "site-visit", recordId),
        }));
        Assert.That(await store.ListHoldersAsync("ffffffffffffffffffffffffffffffff", CancellationToken.None), Is.Empty);
    }

    [Test]
    public async Task Sweep_removes_only_old_unlinked_files()
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var store = StoreOn(test.Database);
        var oldUnlinked = NewFile("old.pdf", [1], Noon.AddDays(-2));
        var oldLinked = NewFile("kept.pdf", [2], Noon.AddDays(-2));
        var recent = NewFile("recent.pdf", [3], Noon.AddHours(-1));
        foreach (var file in new[] { oldUnlinked, oldLinked, recent })
        {
            await store.InsertAsync(file, new byte[] { 9 }, CancellationToken.None);
        }

        await store.LinkAsync([FileLink.ToInstance(oldLinked.Id, "instance-1")], null, CancellationToken.None);
        var deleted = await store.DeleteUnlinkedAsync(Noon.AddDays(-1), CancellationToken.None);

        Assert.That(deleted, Is.EqualTo(1));
        Assert.That(await store.FindAsync(oldUnlinked.Id, CancellationToken.None), Is.Null);
        Assert.That(await store.FindAsync(oldLinked.Id, CancellationToken.None), Is.Not.Null);
        Assert.That(await store.FindAsync(recent.Id, CancellationToken.None), Is.Not.Null);
    }

    [Test]
    public async Task Link_to_missing_file_links_nothing()
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var store = StoreOn(test.Database);
        var file = NewFile("photo.png", [1], Noon.AddDays(-2));
        await store.InsertAsync(file, new byte[] { 1 }, CancellationToken.None);

        var error = Assert.ThrowsAsync<InvalidOperationException>(() => store.LinkAsync(
            [FileLink.ToInstance(file.Id, "instance-1"), FileLink.ToInstance("ffffffffffffffffffffffffffffffff", "instance-1")],
            null, CancellationToken.None));

        Assert.That(error!.Message, Is.EqualTo(
            "File ffffffffffffffffffffffffffffffff that instance instance-1 names does not exist: it was never " +
            "uploaded, or the file sweep removed it because nothing named it in time. Upload the file again and save " +
            "once more."));
        Assert.That(await store.ListHoldersAsync(file.Id, CancellationToken.None), Is.Empty);
        Assert.That(await store.DeleteUnlinkedAsync(Noon.AddDays(-1), CancellationToken.None), Is.EqualTo(1));
    }

    private static IFileStore StoreOn(IDatabase database) => database switch
    {
        SqliteDatabase sqlite => new SqliteFileStore(sqlite),
        PostgresDatabase postgres => new PostgresFileStore(postgres),
        _ => throw new ArgumentException($"No file store for {database.GetType().Name}.", nameof(database)),
    };

    private static StoredFile NewFile(string name, byte[] content, DateTimeOffset at) => new(
        Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), name, "application/pdf", content.Length,
        Convert.ToHexStringLower(SHA256.HashData(content)), "sales1", at);

    private static async Task<long> InsertRecordAsync(IDatabase database, string formKey, string instanceId)
    {
        var at = RelationalSql.Timestamp(database.Dialect, Noon);
        var data = database.Dialect == SqlDialect.PostgreSql ? "CAST(@Data AS jsonb)" : "@Data";
        await using var connection = await database.OpenConnectionAsync(CancellationToken.None);
        return await connection.ExecuteScalarAsync<long>(
            "INSERT INTO records (form_key, version, data, created_by, created_at, updated_by, updated_at, instance_id) " +
            $"VALUES (@FormKey, 1, {data}, 'sales1', @At, 'sales1', @At, @InstanceId) RETURNING id",
            new { FormKey = formKey, Data = "{}", At = at, InstanceId = instanceId });
    }
}
