using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using WorkflowKit.Definitions;
using WorkflowKit.Definitions.Conditions;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Definitions.Packages;
using WorkflowKit.Forms;
using WorkflowKit.Import;
using WorkflowKit.Organization;
using WorkflowKit.Permissions;
using WorkflowKit.Records;
using WorkflowKit.Storage.PostgreSql;
using WorkflowKit.Storage.PostgreSql.Records;
using WorkflowKit.Storage.Sqlite;
using WorkflowKit.Storage.Sqlite.Records;

namespace WorkflowKit.Storage.Tests.Records;

/// <summary>
/// JavaScript filters, CSV export and import with serial numbers, on SQLite and PostgreSQL: what the records page,
/// the admin import page and <c>workflowkit records</c> run.
/// </summary>
[TestFixture(StorageProvider.Sqlite)]
[TestFixture(StorageProvider.PostgreSql)]
public sealed class RecordImportOnStoresTests(StorageProvider provider)
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly CultureInfo Zh = CultureInfo.GetCultureInfo("zh-CN");
    private readonly List<World> _worlds = [];

    [TearDown]
    public async Task TearDownAsync()
    {
        foreach (var world in _worlds)
        {
            await world.DisposeAsync();
        }

        _worlds.Clear();
    }

    [Test]
    public async Task Script_filter_lists_matching_records()
    {
        var world = await CreateWorldAsync();
        await world.CreateAsync("east", "sales-east-1", "120.50", "vip");
        await world.CreateAsync("east", "sales-east-1", "80", "vip");
        await world.CreateAsync("north", "sales-north-1", "500", "lab");
        var query = new RecordQuery("order")
        {
            Filter = new Condition { JavaScript = "form.region === 'east' && form.amount > 100 || form.tags.includes('lab')" },
            Sort = [new SortOrder { Field = "amount" }],
        };

        var page = await world.Reader.ListAsync("admin", query, None);

        Assert.That(page.Items.Select(item => item.Data["amount"]!.ToJsonString()), Is.EqualTo(new[] { "120.50", "500" }));
    }

    [Test]
    public async Task Script_filter_on_hidden_field_is_rejected()
    {
        var world = await CreateWorldAsync();
        world.Directory.Add(new OrgUser("viewer", "看客", null, ["viewer"], new Dictionary<string, string>()));
        world.Rules.Add(new PermissionRule
        {
            Role = "viewer", Form = "order", Actions = ["read"], HiddenFields = ["amount"],
        });
        var query = new RecordQuery("order") { Filter = new Condition { JavaScript = "form.amount > 100" } };

        Assert.ThrowsAsync<UnauthorizedAccessException>(() => world.Reader.ListAsync("viewer", query, None));
    }

    [Test]
    public async Task Import_keeps_given_serials()
    {
        var world = await CreateWorldAsync();
        var csv = "订单编号,区域,金额\nSO-20240304-0005,华东,1\n,华北,2\nSO-20240105-0007,east,3\n";

        var result = await world.ImportAsync(csv);
        var later = await world.Store.CreateAsync("order", Order("east", "sales-east-1", "4"), new("admin"), None);

        Assert.That(result.Errors, Is.Empty);
        Assert.That(result.RowsWritten, Is.EqualTo(3));
        Assert.That(await world.SerialsAsync(), Is.EqualTo(new[]
        {
            "SO-20240304-0005", "SO-20240304-0006", "SO-20240105-0007", "SO-20240304-0007",
        }));
        Assert.That(later.SerialNumber, Is.EqualTo("SO-20240304-0007"));
    }

    [Test]
    public async Task Import_counter_skips_kept_numbers_of_earlier_rows()
    {
        var world = await CreateWorldAsync();
        await world.CreateAsync("east", "sales-east-1", "1", "vip");
        var csv = "订单编号,区域,金额\nSO-20240304-0003,east,1\n,east,2\n";

        var result = await world.ImportAsync(csv);

        Assert.That(result.Errors, Is.Empty);
        Assert.That(await world.SerialsAsync(), Is.EqualTo(new[]
        {
            "SO-20240304-0001", "SO-20240304-0003", "SO-20240304-0004",
        }));
    }

    [Test]
    public async Task Duplicate_serial_is_row_error()
    {
        var world = await CreateWorldAsync();
        var existing = await world.CreateAsync("east", "sales-east-1", "1", "vip");
        var csv = $"订单编号,区域,金额\n{existing.SerialNumber},east,1\nSO-20240304-0009,east,2\n" +
                  "SO-20240304-0009,east,3\n2024-0010,east,4\n";

        var result = await world.ImportAsync(csv, english: true);

        Assert.That(result.Committed, Is.False);
        Assert.That(result.Errors.Select(error => (error.Row, error.Field, error.Code)), Is.EqualTo(new[]
        {
            (2L, "orderNo", "serial"), (4L, "orderNo", "serial"), (5L, "orderNo", "serial"),
        }));
        Assert.That(result.Errors[0].Message, Is.EqualTo(
            "orders.csv row 2, column \"订单编号\" (orderNo): \"Order no.\" number \"SO-20240304-0001\" is already " +
            "used by another record, deleted records included; write a number in the field's format that no record " +
            "has, or leave the cell empty to get the next number."));
        Assert.That(result.Errors[1].Message, Does.StartWith("orders.csv row 4, "));
        Assert.That(result.Errors[1].Message, Does.Contain("\"SO-20240304-0009\" is already used"));
        Assert.That(result.Errors[2].Message, Does.Contain(
            "does not fit the serial number format SO-{yyyyMMdd}-{seq:4}, such as SO-20240305-0001;"));
        Assert.That(await world.SerialsAsync(), Is.EqualTo(new[] { "SO-20240304-0001" }));
    }

    [Test]
    public async Task Serial_of_deleted_record_is_taken()
    {
        var world = await CreateWorldAsync();
        var deleted = await world.CreateAsync("east", "sales-east-1", "1", "vip");
        await world.Store.SoftDeleteAsync("order", deleted.Id, new("admin"), None);

        var result = await world.ImportAsync($"订单编号,区域,金额\n{deleted.SerialNumber},east,1\n");

        Assert.That(result.Errors.Select(error => error.Code), Is.EqualTo(new[] { "serial" }));
    }

    [Test]
    public async Task Export_writes_labels_and_names()
    {
        var world = await CreateWorldAsync();
        await world.CreateAsync("east", "sales-east-1", "120.50", "vip", "q1");
        await world.CreateAsync("north", "u-zhang-1", "8", "lab");

        var csv = await world.ExportAsync();

        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines[0], Is.EqualTo("订单编号,区域,负责人,金额,标签"));
        Assert.That(lines[1], Is.EqualTo("SO-20240304-0001,华东,何明,120.50,\"重点客户, q1\""));
        Assert.That(lines[2], Is.EqualTo("SO-20240304-0002,华北,u-zhang-1,8,实验室"));
    }

    [Test]
    public async Task Export_then_import_keeps_values()
    {
        var source = await CreateWorldAsync();
        await source.CreateAsync("east", "sales-east-1", "120.50", "vip", "q1");
        await source.CreateAsync("north", "u-zhang-1", "8", "lab");
        await source.CreateAsync("north", "sales-north-1", "-3.25");
        var csv = await source.ExportAsync();
        var target = await CreateWorldAsync();

        var result = await target.ImportAsync(csv);

        Assert.That(result.Errors, Is.Empty);
        Assert.That(result.RowsWritten, Is.EqualTo(3));
        Assert.That(await target.DataAsync(), Is.EqualTo(await source.DataAsync()));
        Assert.That(await target.SerialsAsync(), Is.EqualTo(await source.SerialsAsync()));
    }

    private async Task<World> CreateWorldAsync()
    {
        var world = await World.CreateAsync(provider);
        _worlds.Add(world);
        return world;
    }

    private static JsonObject Order(string region, string owner, string amount, params string[] tags) => new()
    {
        ["region"] = region, ["owner"] = owner, ["amount"] = JsonNode.Parse(amount),
        ["tags"] = new JsonArray([.. tags.Select(tag => (JsonNode?)JsonValue.Create(tag))]),
    };

    private static FormDefinition OrderForm()
    {
        var orderNo = Field("orderNo", FieldTypes.Serial, "订单编号", "Order no.");
        orderNo.SerialPattern = "SO-{yyyyMMdd}-{seq:4}";
        var region = Field("region", FieldTypes.SingleSelect, "区域", "Region");
        region.Options = [Option("east", "华东", "East"), Option("north", "华北", "North")];
        var tags = Field("tags", FieldTypes.MultiSelect, "标签", "Tags");

        // Option q1's label is the value of p1, so an import would read it as p1: the export keeps the code.
        tags.Options =
        [
            Option("vip", "重点客户", "Key account"), Option("lab", "实验室", "Lab"), Option("p1", "普通", "Plain"),
            Option("q1", "p1", "p1"),
        ];
        return new FormDefinition
        {
            Key = "order",
            Name = new LocalizedText("订单", "Order"),
            IndexedFields = ["region"],
            Fields =
            [
                orderNo, region, Field("owner", FieldTypes.Member, "负责人", "Owner"),
                Field("amount", FieldTypes.Money, "金额", "Amount"), tags,
            ],
        };
    }

    private static FieldDefinition Field(string id, string type, string zh, string en) =>
        new() { Id = id, Type = type, Label = new LocalizedText(zh, en) };

    private static FieldOption Option(string value, string zh, string en) =>
        new() { Value = value, Label = new LocalizedText(zh, en) };

    /// <summary>A migrated database with the order form and the services an import and an export use.</summary>
    private sealed class World : IAsyncDisposable
    {
        private readonly TestDatabase _database;

        private World(TestDatabase database, IRecordStore store)
        {
            _database = database;
            Store = store;
            Directory.Add(new OrgUser("admin", "管理员", null, ["admin"], new Dictionary<string, string>()));
            Directory.Add(new OrgUser("sales-east-1", "何明", null, ["sales"], new Dictionary<string, string>()));
            Directory.Add(new OrgUser("sales-north-1", "王芳", null, ["sales"], new Dictionary<string, string>()));

            // Two users share a name, so an import could not tell them apart: the export keeps their ids.
            Directory.Add(new OrgUser("u-zhang-1", "张伟", null, ["sales"], new Dictionary<string, string>()));
            Directory.Add(new OrgUser("u-zhang-2", "张伟", null, ["sales"], new Dictionary<string, string>()));
            Rules.Add(new PermissionRule { Role = "admin", Form = "order", Actions = [.. PermissionActions.All] });
            var access = new RecordAccess(Rules, Directory, new InMemoryParticipationSource());
            var queries = (IRecordQueries)store;
            Reader = new RecordReader(store, queries, (IRecordFormRegistry)store, access);
            var validators = new FormValidatorFactory(new FormValidationServices
            {
                Directory = Directory, Records = store, Reader = Reader,
            });
            var submissions = new FormSubmissionService(validators, store, database.Database, access);
            Importer = new RecordImporter(submissions, database.Database, access, NullLogger<RecordImporter>.Instance);
            Exporter = new RecordExporter(Reader, Directory);
        }

        public IRecordStore Store { get; }

        public InMemoryOrganizationDirectory Directory { get; } = new();

        public InMemoryPermissionRuleStore Rules { get; } = new();

        public RecordReader Reader { get; }

        public RecordImporter Importer { get; }

        public RecordExporter Exporter { get; }

        public static async Task<World> CreateAsync(StorageProvider provider)
        {
            var database = await TestDatabase.CreateAsync(provider);
            var time = new FakeTimeProvider(new DateTimeOffset(2024, 3, 4, 15, 30, 0, TimeSpan.Zero));
            IRecordStore store = database.Database switch
            {
                SqliteDatabase sqlite => new SqliteRecordStore(sqlite, time),
                PostgresDatabase postgres => new PostgresRecordStore(postgres, time),
                _ => throw new InvalidOperationException($"No record store for {database.Database.GetType().Name}."),
            };
            await ((IRecordFormRegistry)store).RegisterFormAsync(OrderForm(), None);
            return new World(database, store);
        }

        public Task<RecordEntry> CreateAsync(string region, string owner, string amount, params string[] tags) =>
            Store.CreateAsync("order", Order(region, owner, amount, tags), new("admin"), None);

        public async Task<ImportResult> ImportAsync(string csv, bool english = false)
        {
            await using var source = await CsvImportSource.OpenAsync(
                new MemoryStream(Encoding.UTF8.GetBytes(csv)), "orders.csv", None);
            var options = new ImportOptions { Culture = english ? CultureInfo.GetCultureInfo("en") : Zh };
            return await Importer.ImportAsync(OrderForm(), source, "admin", options, None);
        }

        public async Task<string> ExportAsync()
        {
            using var output = new MemoryStream();
            await Exporter.ExportCsvAsync("admin", "order", output, Zh, null, None);
            return Encoding.UTF8.GetString(output.ToArray()).TrimStart('\uFEFF');
        }

        public async Task<List<string>> SerialsAsync() =>
            [.. (await RecordsAsync()).Select(record => record.SerialNumber!)];

        /// <summary>
        /// Each record's fields as "id=value" lines, in creation order. An empty list reads as no value, because a
        /// CSV cell cannot tell them apart.
        /// </summary>
        public async Task<List<string>> DataAsync() =>
        [
            .. (await RecordsAsync()).Select(record => string.Join("; ", record.Data
                .Where(pair => pair.Value is not JsonArray { Count: 0 })
                .OrderBy(pair => pair.Key, StringComparer.Ordinal)
                .Select(pair => pair.Key + "=" + pair.Value?.ToJsonString()))),
        ];

        public ValueTask DisposeAsync() => _database.DisposeAsync();

        private async Task<IReadOnlyList<RecordEntry>> RecordsAsync()
        {
            var query = new RecordQuery("order")
            {
                IncludeDeleted = true, Sort = [new SortOrder { Field = RecordSystemFields.Id }], Limit = 100,
            };
            return (await Store.QueryAsync(query, null, None)).Items;
        }
    }
}
