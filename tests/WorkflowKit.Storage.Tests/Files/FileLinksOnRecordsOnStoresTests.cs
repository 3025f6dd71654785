using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using WorkflowKit.Definitions;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Files;
using WorkflowKit.Forms;
using WorkflowKit.Import;
using WorkflowKit.Organization;
using WorkflowKit.Records;
using WorkflowKit.Storage.PostgreSql;
using WorkflowKit.Storage.PostgreSql.Records;
using WorkflowKit.Storage.Sqlite;
using WorkflowKit.Storage.Sqlite.Records;

namespace WorkflowKit.Storage.Tests.Files;

/// <summary>
/// File links that record writes make on each provider: the record stores link the files a create or an update adds in
/// the write's transaction, and imports check that each file value names a file the importing user may use.
/// </summary>
[TestFixture(StorageProvider.Sqlite)]
[TestFixture(StorageProvider.PostgreSql)]
public sealed class FileLinksOnRecordsOnStoresTests(StorageProvider provider)
{
    private static readonly DateTimeOffset Noon = new(2026, 3, 5, 4, 0, 0, TimeSpan.Zero);

    private TestDatabase _test = null!;
    private IRecordStore _records = null!;
    private IFileStore _files = null!;

    [SetUp]
    public async Task SetUpAsync()
    {
        _test = await TestDatabase.CreateAsync(provider);
        var time = new FakeTimeProvider(Noon);
        (_records, _files) = _test.Database switch
        {
            SqliteDatabase sqlite => ((IRecordStore)new SqliteRecordStore(sqlite, time), (IFileStore)new SqliteFileStore(sqlite)),
            PostgresDatabase postgres => (new PostgresRecordStore(postgres, time), new PostgresFileStore(postgres)),
            _ => throw new InvalidOperationException($"No stores for {_test.Database.GetType().Name}."),
        };
        await ((IRecordFormRegistry)_records).RegisterFormAsync(VisitForm(), default);
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
    public async Task Create_links_reference_outside_file_fields()
    {
        // A script or an older form version can leave a reference in a field that is not a file field.
        var photo = await UploadAsync("sales1");
        var receipt = await UploadAsync("sales1");
        var copy = await UploadAsync("sales1");
        var data = Visit(photo, receipt);
        data["legacy"] = new JsonObject { ["scan"] = copy.ToReference().ToJson() };

        var record = await _records.CreateAsync("visit", data, new("sales1"), default);

        Assert.That(await _files.ListHoldersAsync(copy.Id, default), Is.EqualTo(new[] { Holder(record.Id) }));
        Assert.That(await SweepLaterAsync(), Is.Zero);
    }

    [Test]
    public async Task Create_links_files_of_fields_and_rows()
    {
        var photo = await UploadAsync("sales1");
        var receipt = await UploadAsync("sales1");

        var record = await _records.CreateAsync("visit", Visit(photo, receipt), new("sales1"), default);

        Assert.That(await _files.ListHoldersAsync(photo.Id, default), Is.EqualTo(new[] { Holder(record.Id) }));
        Assert.That(await _files.ListHoldersAsync(receipt.Id, default), Is.EqualTo(new[] { Holder(record.Id) }));
        Assert.That(await SweepLaterAsync(), Is.Zero);
    }

    [Test]
    public async Task Update_links_added_file()
    {
        var record = await _records.CreateAsync("visit", new JsonObject { ["title"] = "协和" }, new("sales1"), default);
        var photo = await UploadAsync("sales1");

        await _records.UpdateAsync(
            "visit", record.Id, new JsonObject { ["photos"] = new JsonArray(photo.ToReference().ToJson()) }, null,
            new("sales1"), default);

        Assert.That(await _files.ListHoldersAsync(photo.Id, default), Is.EqualTo(new[] { Holder(record.Id) }));
    }

    [Test]
    public async Task Update_dropping_file_keeps_link()
    {
        var photo = await UploadAsync("sales1");
        var record = await _records.CreateAsync("visit", Visit(photo, null), new("sales1"), default);

        await _records.UpdateAsync(
            "visit", record.Id, new JsonObject { ["photos"] = new JsonArray() }, null, new("sales1"), default);

        Assert.That(await _files.ListHoldersAsync(photo.Id, default), Is.EqualTo(new[] { Holder(record.Id) }));
        Assert.That(await SweepLaterAsync(), Is.Zero);
        Assert.That(await _files.FindAsync(photo.Id, default), Is.Not.Null);
    }

    [Test]
    public async Task Form_version_without_field_keeps_file()
    {
        var receipt = await UploadAsync("sales1");
        var photo = await UploadAsync("sales1");
        var record = await _records.CreateAsync("visit", Visit(photo, receipt), new("sales1"), default);
        var withoutFiles = VisitForm();
        withoutFiles.Fields.RemoveAll(field => field.Id is "photos" or "costs");
        await ((IRecordFormRegistry)_records).RegisterFormAsync(withoutFiles, default);

        await _records.UpdateAsync(
            "visit", record.Id, new JsonObject { ["title"] = "同仁", ["photos"] = null, ["costs"] = null }, null,
            new("sales1"), default);

        Assert.That(await _files.ListHoldersAsync(photo.Id, default), Is.EqualTo(new[] { Holder(record.Id) }));
        Assert.That(await _files.ListHoldersAsync(receipt.Id, default), Is.EqualTo(new[] { Holder(record.Id) }));
        Assert.That(await SweepLaterAsync(), Is.Zero);
    }

    [Test]
    public async Task Rolled_back_create_leaves_no_link()
    {
        var photo = await UploadAsync("sales1");

        await using (var transaction = await _test.Database.BeginTransactionAsync(default))
        {
            await _records.CreateAsync("visit", Visit(photo, null), new("sales1", transaction), default);
        }

        Assert.That(await _files.ListHoldersAsync(photo.Id, default), Is.Empty);
        Assert.That(await SweepLaterAsync(), Is.EqualTo(1));
    }

    [Test]
    public async Task Create_naming_missing_file_writes_nothing()
    {
        var photo = await UploadAsync("sales1");
        var missing = NewFile("sales1") with { Id = "ffffffffffffffffffffffffffffffff" };

        var error = Assert.ThrowsAsync<InvalidOperationException>(
            () => _records.CreateAsync("visit", Visit(photo, missing), new("sales1"), default));

        Assert.That(error!.Message, Does.StartWith("File ffffffffffffffffffffffffffffffff that record "));
        Assert.That((await _records.QueryAsync(new RecordQuery("visit"), null, default)).Items, Is.Empty);
        Assert.That(await _files.ListHoldersAsync(photo.Id, default), Is.Empty);
    }

    [Test]
    public async Task Import_links_files_and_survives_sweep()
    {
        var own = await UploadAsync("admin");
        var readable = await UploadAsync("sales1");
        var importer = Importer(new ReadableFiles(readable.Id));

        var result = await ImportAsync(importer, Row("协和", own, readable));

        Assert.That(result.Errors, Is.Empty);
        Assert.That(result.Committed, Is.True);
        var record = (await _records.QueryAsync(new RecordQuery("visit"), null, default)).Items.Single();
        Assert.That(await _files.ListHoldersAsync(own.Id, default), Is.EqualTo(new[] { Holder(record.Id) }));
        Assert.That(await _files.ListHoldersAsync(readable.Id, default), Is.EqualTo(new[] { Holder(record.Id) }));
        Assert.That(await SweepLaterAsync(), Is.Zero);
        Assert.That(await _files.FindAsync(readable.Id, default), Is.Not.Null);
    }

    [Test]
    public async Task Import_rejects_bad_file_references()
    {
        var own = await UploadAsync("admin");
        var others = await UploadAsync("sales2");
        var missing = NewFile("admin") with { Id = "ffffffffffffffffffffffffffffffff" };
        var importer = Importer(new ReadableFiles());

        var result = await ImportAsync(importer, Row("协和", own, null) + Row("同仁", others, null) + Row("朝阳", missing, null));

        Assert.That(result.Committed, Is.False);
        Assert.That(result.Errors.Select(error => (error.Row, error.Field, error.Column)), Is.EqualTo(new[]
        {
            (3L, (string?)"photos", (string?)"照片"),
            (4L, "photos", "照片"),
        }));
        Assert.That(result.Errors.Select(error => error.File), Is.All.EqualTo("visits.csv"));
        Assert.That(result.Errors[0].Message, Does.Contain(
            "file \"scan.pdf\" was not uploaded by you and is in no record or flow instance you may read"));
        Assert.That(result.Errors[1].Message, Is.EqualTo(
            "visits.csv row 4, column \"照片\" (photos): \"Photos\": file \"ffffffffffffffffffffffffffffffff\" does not " +
            "exist (it may have been removed); upload it again; correct this value in the file, then import the file " +
            "again."));
        Assert.That((await _records.QueryAsync(new RecordQuery("visit"), null, default)).Items, Is.Empty);
        Assert.That(await _files.ListHoldersAsync(own.Id, default), Is.Empty);
    }

    private RecordImporter Importer(IFileReadAccess readAccess)
    {
        var directory = new InMemoryOrganizationDirectory()
            .Add(new OrgUser("admin", "管理员", null, ["admin"], new Dictionary<string, string>()));
        var validators = new FormValidatorFactory(new FormValidationServices
        {
            Directory = directory, Records = _records, Files = _files, FileReadAccess = readAccess,
        });
        var submissions = new FormSubmissionService(validators, _records, _test.Database, null);
        return new RecordImporter(submissions, _test.Database, null, NullLogger<RecordImporter>.Instance);
    }

    private static async Task<ImportResult> ImportAsync(RecordImporter importer, string rows)
    {
        var csv = "标题,照片\n" + rows;
        await using var source = await CsvImportSource.OpenAsync(
            new MemoryStream(Encoding.UTF8.GetBytes(csv)), "visits.csv", default);
        var options = new ImportOptions { Culture = CultureInfo.GetCultureInfo("en") };
        return await importer.ImportAsync(VisitForm(), source, "admin", options, default);
    }

    private static string Row(string title, StoredFile first, StoredFile? second)
    {
        var photos = second is null
            ? new JsonArray(first.ToReference().ToJson())
            : new JsonArray(first.ToReference().ToJson(), second.ToReference().ToJson());
        return $"{title},\"{photos.ToJsonString().Replace("\"", "\"\"", StringComparison.Ordinal)}\"\n";
    }

    private static FileHolder Holder(long recordId) => new(null, "visit", recordId);

    private static JsonObject Visit(StoredFile photo, StoredFile? receipt) => new()
    {
        ["title"] = "协和",
        ["photos"] = new JsonArray(photo.ToReference().ToJson()),
        ["costs"] = receipt is null
            ? new JsonArray()
            : new JsonArray(new JsonObject { ["item"] = "taxi", ["receipt"] = receipt.ToReference().ToJson() }),
    };

    private async Task<StoredFile> UploadAsync(string userId)
    {
        var file = NewFile(userId);
        await _files.InsertAsync(file, new byte[] { 1, 2, 3 }, default);
        return file;
    }

    private Task<int> SweepLaterAsync() => _files.DeleteUnlinkedAsync(Noon.AddDays(2), default);

    private static StoredFile NewFile(string userId) => new(
        Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), "scan.pdf", "application/pdf", 3,
        Convert.ToHexStringLower(SHA256.HashData(new byte[] { 1, 2, 3 })), userId, Noon);

    private static FormDefinition VisitForm() => new()
    {
        Key = "visit",
        Name = new LocalizedText("拜访", "Visit"),
        Fields =
        [
            new FieldDefinition { Id = "title", Type = FieldTypes.Text, Label = new LocalizedText("标题", "Title") },
            new FieldDefinition
            {
                Id = "photos", Type = FieldTypes.Attachment, Multiple = true, Label = new LocalizedText("照片", "Photos"),
            },
            new FieldDefinition
            {
                Id = "costs", Type = FieldTypes.SubTable, Label = new LocalizedText("费用", "Costs"),
                Fields =
                [
                    new FieldDefinition { Id = "item", Type = FieldTypes.Text, Label = new LocalizedText("项目", "Item") },
                    new FieldDefinition
                    {
                        Id = "receipt", Type = FieldTypes.Attachment, Label = new LocalizedText("票据", "Receipt"),
                    },
                ],
            },
        ],
    };

    /// <summary>Lets the importing user read the given files, as readers of the records that hold them may.</summary>
    private sealed class ReadableFiles(params string[] fileIds) : IFileReadAccess
    {
        public Task<bool> MayReadAsync(string userId, string fileId, CancellationToken cancellationToken) =>
            Task.FromResult(fileIds.Contains(fileId, StringComparer.Ordinal));
    }
}
