using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using WorkflowKit.Definitions;
using WorkflowKit.Definitions.Conditions;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Definitions.Packages;
using WorkflowKit.Expressions;
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
/// Imports in upsert mode on SQLite and PostgreSQL: rows whose batch number a record has update it, the others insert,
/// one bad row writes nothing, and a re-import of an export changes nothing.
/// </summary>
[TestFixture(StorageProvider.Sqlite)]
[TestFixture(StorageProvider.PostgreSql)]
public sealed class RecordUpsertOnStoresTests(StorageProvider provider)
{
    private const string Header = "批号,产品编码,库存数量,有效期至";
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
    public async Task Upsert_counts_each_kind_of_row()
    {
        var world = await CreateWorldAsync();
        var same = await world.CreateAsync("B1", "P-1", 10, "2027-01-31", remark: "第一批");
        var corrected = await world.CreateAsync("B2", "P-1", 20, "2027-02-28", remark: "冷库");

        var result = await world.ImportAsync(
            $"{Header}\nB1,P-1,10,2027-01-31\nB2,P-1,20,2027-03-31\nB3,P-2,5,2027-04-30", ImportMode.Upsert);

        Assert.That(result.Errors, Is.Empty);
        Assert.That(result.Committed, Is.True);
        Assert.That(result.RowsInserted, Is.EqualTo(1));
        Assert.That(result.RowsUpdated, Is.EqualTo(1));
        Assert.That(result.RowsUnchanged, Is.EqualTo(1));
        Assert.That(result.RowsWritten, Is.EqualTo(2));
        var b1 = await world.GetAsync(same.Id);
        var b2 = await world.GetAsync(corrected.Id);
        Assert.That(b1.Version, Is.EqualTo(1));
        Assert.That(b2.Version, Is.EqualTo(2));
        Assert.That(b2.Data["expiryDate"]!.GetValue<string>(), Is.EqualTo("2027-03-31"));
        Assert.That(b2.Data["remark"]!.GetValue<string>(), Is.EqualTo("冷库"), "a column the file lacks is kept");
        Assert.That(await world.CountAsync(), Is.EqualTo(3));
    }

    [Test]
    public async Task Upsert_update_writes_history()
    {
        var world = await CreateWorldAsync();
        var record = await world.CreateAsync("B2", "P-1", 20, "2027-02-28", reserved: 5);

        await world.ImportAsync($"{Header}\nB2,P-1,30,2027-03-31", ImportMode.Upsert);

        var history = await world.Reader.GetHistoryAsync("admin", "stock", record.Id, None);
        Assert.That(history.Select(entry => entry.Action), Is.EqualTo(new[] { "create", "update" }));
        var changes = history[1].Changes.ToDictionary(change => change.Field);
        Assert.That(changes.Keys, Is.EquivalentTo(new[] { "quantity", "expiryDate", "available" }));
        Assert.That(changes["expiryDate"].OldValue!.GetValue<string>(), Is.EqualTo("2027-02-28"));
        Assert.That(changes["expiryDate"].NewValue!.GetValue<string>(), Is.EqualTo("2027-03-31"));
        Assert.That(changes["available"].NewValue!.GetValue<decimal>(), Is.EqualTo(25m), "the formula is recomputed");
        Assert.That(history[1].UserId, Is.EqualTo("admin"));
    }

    [Test]
    public async Task Upsert_with_bad_row_writes_nothing()
    {
        var world = await CreateWorldAsync();
        var record = await world.CreateAsync("B1", "P-1", 10, "2027-01-31");

        var result = await world.ImportAsync(
            $"{Header}\nB1,P-1,11,2027-01-31\nB9,P-9,很多,2027-05-31", ImportMode.Upsert);

        Assert.That(result.Committed, Is.False);
        Assert.That(result.RowsRejected, Is.EqualTo(1));
        Assert.That(result.RowsWritten, Is.EqualTo(0));
        Assert.That(result.RowsUpdated, Is.EqualTo(0));
        Assert.That(result.RowsInserted, Is.EqualTo(0));
        Assert.That(result.Errors.Select(error => error.Row).Distinct(), Is.EqualTo(new[] { 3L }));
        Assert.That(result.Errors[0].Column, Is.EqualTo("库存数量"));
        Assert.That(result.Errors[0].Message, Does.StartWith("stock.csv 第 3 行，“库存数量” 列"));
        Assert.That((await world.GetAsync(record.Id)).Version, Is.EqualTo(1));
        Assert.That(await world.CountAsync(), Is.EqualTo(1));
    }

    [Test]
    public async Task Upsert_update_is_validated()
    {
        var world = await CreateWorldAsync();
        var record = await world.CreateAsync("B1", "P-1", 10, "2027-01-31", reserved: 8);

        var result = await world.ImportAsync($"{Header}\nB1,P-1,5,2027-01-31", ImportMode.Upsert);

        Assert.That(result.Committed, Is.False);
        Assert.That(result.Errors.Single().Code, Is.EqualTo("rule"));
        Assert.That(result.Errors.Single().Message, Does.Contain("已预留数量不能超过库存数量"));
        Assert.That((await world.GetAsync(record.Id)).Data["quantity"]!.GetValue<decimal>(), Is.EqualTo(10m));
    }

    [Test]
    public async Task Reimport_of_export_changes_nothing()
    {
        var world = await CreateWorldAsync();
        await world.CreateAsync("B1", "P-1", 10, "2027-01-31", remark: "第一批", reserved: 2);
        await world.CreateAsync("B2", "P-1", 20.5m, "2027-02-28");
        await world.CreateAsync("B3", "P-2", 0, "2027-03-31", remark: "含逗号, 和引号\"");
        var csv = await world.ExportAsync();

        var result = await world.ImportAsync(csv, ImportMode.Upsert);

        Assert.That(result.Errors, Is.Empty);
        Assert.That(result.Committed, Is.True);
        Assert.That(result.RowsUnchanged, Is.EqualTo(3));
        Assert.That(result.RowsInserted, Is.EqualTo(0));
        Assert.That(result.RowsUpdated, Is.EqualTo(0));
        Assert.That(result.RowsWritten, Is.EqualTo(0));
        foreach (var record in await world.RecordsAsync())
        {
            Assert.That(record.Version, Is.EqualTo(1), $"record {record.Data["batchNo"]}");
        }
    }

    [Test]
    public async Task Insert_of_existing_key_names_upsert()
    {
        var world = await CreateWorldAsync();
        await world.CreateAsync("B1", "P-1", 10, "2027-01-31");

        var result = await world.ImportAsync($"{Header}\nB1,P-1,12,2027-01-31", ImportMode.Insert);

        Assert.That(result.Committed, Is.False);
        Assert.That(result.Errors.Single().Code, Is.EqualTo("unique"));
        Assert.That(result.Errors.Single().Message, Does.Contain("records import --mode upsert"));
    }

    [Test]
    public async Task Upsert_without_key_column_is_rejected()
    {
        var world = await CreateWorldAsync();

        var error = Assert.ThrowsAsync<InvalidDataException>(
            () => world.ImportAsync("产品编码,库存数量,有效期至\nP-1,12,2027-01-31", ImportMode.Upsert));

        Assert.That(error!.Message, Is.EqualTo(
            "stock.csv 没有键字段的列（批号 (batchNo)），所以“更新已有记录”方式无法把行对应到记录；请在文件中加上其中一列，" +
            "或按“只新增”方式导入。"));
    }

    [Test]
    public async Task Upsert_outside_update_rows_is_rejected()
    {
        var world = await CreateWorldAsync();
        await world.CreateAsync("B1", "P-1", 10, "2027-01-31");
        world.Directory.Add(new OrgUser("clerk", "库管", null, ["clerk"], new Dictionary<string, string>()));
        world.Rules.Add(new PermissionRule { Role = "clerk", Form = "stock", Actions = ["read", "create"] });
        world.Rules.Add(new PermissionRule { Role = "clerk", Form = "stock", Actions = ["update"], Own = true });

        var result = await world.ImportAsync(
            $"{Header}\nB1,P-1,12,2027-01-31\nB2,P-1,3,2027-02-28", ImportMode.Upsert, user: "clerk");

        Assert.That(result.Committed, Is.False);
        Assert.That(result.Errors.Single().Code, Is.EqualTo("permission"));
        Assert.That(result.Errors.Single().Message, Does.StartWith("stock.csv 第 2 行：这一行对应记录 #"));
        Assert.That(await world.CountAsync(), Is.EqualTo(1));
    }

    [Test]
    public async Task Upsert_without_update_rule_is_refused()
    {
        var world = await CreateWorldAsync();
        world.Directory.Add(new OrgUser("clerk", "库管", null, ["clerk"], new Dictionary<string, string>()));
        world.Rules.Add(new PermissionRule { Role = "clerk", Form = "stock", Actions = ["read", "create"] });

        var error = Assert.ThrowsAsync<UnauthorizedAccessException>(
            () => world.ImportAsync($"{Header}\nB1,P-1,12,2027-01-31", ImportMode.Upsert, user: "clerk"));

        Assert.That(error!.Message, Does.Contain("may not update records of form 'stock'"));
    }

    private async Task<World> CreateWorldAsync()
    {
        var world = await World.CreateAsync(provider);
        _worlds.Add(world);
        return world;
    }

    private static FormDefinition StockForm()
    {
        var batchNo = Field("batchNo", FieldTypes.Text, "批号", "Batch no.");
        batchNo.Unique = true;
        batchNo.Required = true;
        var product = Field("product", FieldTypes.Text, "产品编码", "Product code");
        product.Required = true;
        var quantity = Field("quantity", FieldTypes.Number, "库存数量", "Quantity");
        quantity.Required = true;
        var available = Field("available", FieldTypes.Formula, "可用数量", "Available");
        available.Formula = new Expression { Formula = "quantity - reservedQuantity" };
        var expiry = Field("expiryDate", FieldTypes.Date, "有效期至", "Expiry date");
        expiry.Required = true;
        return new FormDefinition
        {
            Key = "stock",
            Name = new LocalizedText("库存批次", "Stock batch"),
            Fields =
            [
                batchNo, product, quantity, Field("reservedQuantity", FieldTypes.Number, "已预留数量", "Reserved"),
                available, expiry, Field("remark", FieldTypes.Text, "备注", "Remark"),
            ],
            Rules =
            [
                new FormRule
                {
                    Id = "reservedWithinQuantity",
                    Condition = new Condition
                    {
                        Any =
                        [
                            new RuleGroup { All = [new Rule { Field = "reservedQuantity", Operator = "isEmpty" }] },
                            new RuleGroup
                            {
                                All = [new Rule { Field = "reservedQuantity", Operator = "lte", ValueField = "quantity" }],
                            },
                        ],
                    },
                    Message = new LocalizedText("已预留数量不能超过库存数量", "The reserved quantity cannot exceed the quantity"),
                    Fields = ["reservedQuantity"],
                },
            ],
        };
    }

    private static FieldDefinition Field(string id, string type, string zh, string en) =>
        new() { Id = id, Type = type, Label = new LocalizedText(zh, en) };

    /// <summary>A migrated database with the stock form and the services an import and an export use.</summary>
    private sealed class World : IAsyncDisposable
    {
        private readonly TestDatabase _database;

        private World(TestDatabase database, IRecordStore store)
        {
            _database = database;
            Store = store;
            Directory.Add(new OrgUser("admin", "管理员", null, ["admin"], new Dictionary<string, string>()));
            Rules.Add(new PermissionRule { Role = "admin", Form = "stock", Actions = [.. PermissionActions.All] });
            var access = new RecordAccess(Rules, Directory, new InMemoryParticipationSource());
            Reader = new RecordReader(store, (IRecordQueries)store, (IRecordFormRegistry)store, access);
            var validators = new FormValidatorFactory(new FormValidationServices
            {
                Directory = Directory, Records = store, Reader = Reader,
                Conditions = new ConditionEvaluator(new ScriptHost()),
            });
            Submissions = new FormSubmissionService(validators, store, database.Database, access,
                new ExpressionFormulaEvaluator(new FormulaEngine(), new ScriptHost()));
            Importer = new RecordImporter(Submissions, database.Database, access, NullLogger<RecordImporter>.Instance);
            Exporter = new RecordExporter(Reader, Directory);
        }

        public IRecordStore Store { get; }

        public InMemoryOrganizationDirectory Directory { get; } = new();

        public InMemoryPermissionRuleStore Rules { get; } = new();

        public RecordReader Reader { get; }

        public FormSubmissionService Submissions { get; }

        public RecordImporter Importer { get; }

        public RecordExporter Exporter { get; }

        public static async Task<World> CreateAsync(StorageProvider provider)
        {
            var database = await TestDatabase.CreateAsync(provider);
            var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 4, 15, 30, 0, TimeSpan.Zero));
            IRecordStore store = database.Database switch
            {
                SqliteDatabase sqlite => new SqliteRecordStore(sqlite, time),
                PostgresDatabase postgres => new PostgresRecordStore(postgres, time),
                _ => throw new InvalidOperationException($"No record store for {database.Database.GetType().Name}."),
            };
            await ((IRecordFormRegistry)store).RegisterFormAsync(StockForm(), None);
            return new World(database, store);
        }

        /// <summary>Creates a batch through the submission service, so that its formula is computed.</summary>
        public async Task<RecordEntry> CreateAsync(
            string batchNo, string product, decimal quantity, string expiry, string? remark = null, decimal? reserved = null)
        {
            var data = new JsonObject
            {
                ["batchNo"] = batchNo, ["product"] = product, ["quantity"] = quantity, ["expiryDate"] = expiry,
            };
            if (remark is not null)
            {
                data["remark"] = remark;
            }

            if (reserved is not null)
            {
                data["reservedQuantity"] = reserved;
            }

            var result = await Submissions.CreateAsync(StockForm(), data, new FormSubmissionContext("admin", Zh), None);
            Assert.That(result.Errors, Is.Empty);
            return result.Record!;
        }

        public async Task<ImportResult> ImportAsync(string csv, ImportMode mode, string user = "admin")
        {
            await using var source = await CsvImportSource.OpenAsync(
                new MemoryStream(Encoding.UTF8.GetBytes(csv)), "stock.csv", None);
            var options = new ImportOptions { Culture = Zh, Mode = mode };
            return await Importer.ImportAsync(StockForm(), source, user, options, None);
        }

        public async Task<string> ExportAsync()
        {
            using var output = new MemoryStream();
            await Exporter.ExportCsvAsync("admin", "stock", output, Zh, null, None);
            return Encoding.UTF8.GetString(output.ToArray()).TrimStart('\uFEFF');
        }

        public async Task<RecordEntry> GetAsync(long id) => (await Store.GetAsync("stock", id, null, None))!;

        public async Task<int> CountAsync() => (await RecordsAsync()).Count;

        public async Task<IReadOnlyList<RecordEntry>> RecordsAsync()
        {
            var query = new RecordQuery("stock") { Sort = [new SortOrder { Field = RecordSystemFields.Id }], Limit = 100 };
            return (await Store.QueryAsync(query, null, None)).Items;
        }

        public ValueTask DisposeAsync() => _database.DisposeAsync();
    }
}
