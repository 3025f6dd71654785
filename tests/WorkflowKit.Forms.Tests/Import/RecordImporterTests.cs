using System.Globalization;
using System.Text.Json.Nodes;
using WorkflowKit.Definitions.Conditions;
using WorkflowKit.Definitions.Packages;
using WorkflowKit.Forms.Tests.Support;
using WorkflowKit.Import;
using WorkflowKit.Organization;
using WorkflowKit.Records;
using WorkflowKit.Storage;

namespace WorkflowKit.Forms.Tests.Import;

public sealed class RecordImporterTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private TestWorld _world = null!;

    [SetUp]
    public async Task SetUp()
    {
        _world = await TestWorld.CreateAsync(ImportTestForms.Product(), TestForms.Customer());
        _world.AddAdmin("admin", "product", "customer");
    }

    [TearDown]
    public async Task TearDown() => await _world.DisposeAsync();

    private async Task<ImportResult> ImportCsvAsync(string csv, ImportOptions? options = null, string user = "admin")
    {
        await using var source = await CsvImportSource.OpenAsync(ImportTestForms.Csv(csv), None);
        return await _world.Importer.ImportAsync(ImportTestForms.Product(), source, user, options
            ?? new ImportOptions(), None);
    }

    private async Task<List<JsonObject>> ProductsAsync() =>
        [.. (await _world.Store.QueryAsync(new RecordQuery("product") { Limit = 1000,
            Sort = [new SortOrder { Field = "sku" }] }, null, None))
            .Items.Select(item => item.Data)];

    [Test]
    public async Task Csv_converts_culture_formats()
    {
        var result = await ImportCsvAsync(
            "货号,名称,价格,上市日期,库存,类别,在售,到货时间\n" +
            "A1,抗体,\"1,234.50\",2024/3/5,10,试剂,是,2024-03-05 09:30\n" +
            "A2,疫苗X,¥99,2024-03-05,\"1,000\",Vaccine,false,2024-03-05T01:30:00Z\n" +
            "A3,Kit,0.1,2024年3月5日,0,reagent,1,\n");

        var rows = await ProductsAsync();
        Assert.That(result.Errors, Is.Empty);
        Assert.That(result.RowsWritten, Is.EqualTo(3));
        Assert.That(rows[0]["price"]!.GetValue<decimal>(), Is.EqualTo(1234.50m));
        Assert.That(rows[0]["launched"]!.GetValue<string>(), Is.EqualTo("2024-03-05"));
        Assert.That(rows[0]["category"]!.GetValue<string>(), Is.EqualTo("reagent"));
        Assert.That(rows[0]["active"]!.GetValue<bool>(), Is.True);
        Assert.That(rows[0]["receivedAt"]!.GetValue<string>(), Is.EqualTo("2024-03-05T01:30:00Z"));
        Assert.That(rows[1]["stock"]!.GetValue<decimal>(), Is.EqualTo(1000m));
        Assert.That(rows[1]["category"]!.GetValue<string>(), Is.EqualTo("vaccine"));
        Assert.That(rows[2]["launched"]!.GetValue<string>(), Is.EqualTo("2024-03-05"));
        Assert.That(rows[2].ContainsKey("receivedAt"), Is.False);
    }

    [Test]
    public async Task Any_bad_row_writes_nothing_by_default()
    {
        var result = await ImportCsvAsync(
            "sku,name,price,stock\nA1,ok,1,1\nA2,bad,abc,1\nA3,neg,-5,1\nA4,ok,2,1.5\n",
            new ImportOptions { Culture = CultureInfo.GetCultureInfo("en") });

        Assert.That(result.Committed, Is.False);
        Assert.That(result.RowsWritten, Is.Zero);
        Assert.That(result.RowsRejected, Is.EqualTo(3));
        Assert.That(await ProductsAsync(), Is.Empty);
        Assert.That(result.Errors[0], Is.EqualTo(new ImportRowError(
            3, "price", "abc", "price", "conversion",
            "CSV file row 3, column \"price\" (price): \"abc\" is not a number; write digits with an optional decimal " +
            "point, such as 1,234.50.") { File = "CSV file" }));
        Assert.That(result.Errors[1], Is.EqualTo(new ImportRowError(
            4, "price", "-5", "price", "range",
            "CSV file row 4, column \"price\" (price): \"Price\" value -5 is less than the minimum 0; use a value " +
            "inside the allowed range.") { File = "CSV file" }));
        Assert.That(result.Errors[2].Code, Is.EqualTo("scale"));
        Assert.That(result.Errors[2].Row, Is.EqualTo(5));
    }

    [Test]
    public async Task Skip_bad_rows_keeps_the_good_ones()
    {
        var result = await ImportCsvAsync(
            "sku,name,price\nA1,ok,1\nA2,,1\nA3,ok,3\n",
            new ImportOptions { SkipBadRows = true, BatchSize = 2 });

        Assert.That(result.Committed, Is.True);
        Assert.That(result.RowsWritten, Is.EqualTo(2));
        Assert.That(result.Errors.Single().Message, Is.EqualTo("CSV file 第 3 行，“name” 列 (name)：“名称” 为必填项；请在文件中填写这一列。"));
        Assert.That((await ProductsAsync()).Select(p => p["sku"]!.GetValue<string>()), Is.EqualTo(new[] { "A1",
            "A3" }));
    }

    [Test]
    public async Task Unique_value_repeated_within_the_file_is_rejected()
    {
        var result = await ImportCsvAsync("sku,name\nA1,x\nA1,y\n", new ImportOptions { SkipBadRows = true });

        Assert.That(result.RowsWritten, Is.EqualTo(1));
        Assert.That(result.Errors.Single().Code, Is.EqualTo("unique"));
        Assert.That(result.Errors.Single().Row, Is.EqualTo(3));
    }

    [Test]
    public async Task Unique_value_of_a_deleted_record_is_free_again()
    {
        await ImportCsvAsync("sku,name\nA1,x\n");
        var first = (await _world.Store.QueryAsync(new RecordQuery("product"), null, None)).Items.Single();
        var context = new FormSubmissionContext("admin", CultureInfo.GetCultureInfo("en"));
        var taken = await _world.Submissions.ValidateAsync(
            ImportTestForms.Product(), new JsonObject { ["sku"] = "A1", ["name"] = "y" }, context, None);

        await _world.Store.SoftDeleteAsync("product", first.Id, new RecordWriteContext("admin"), None);
        var free = await _world.Submissions.ValidateAsync(
            ImportTestForms.Product(), new JsonObject { ["sku"] = "A1", ["name"] = "y" }, context, None);

        Assert.That(taken.Errors.Single().Message, Is.EqualTo("\"SKU\" value \"A1\" is already used by another record"));
        Assert.That(free.IsValid, Is.True);
    }

    [Test]
    public async Task User_without_create_permission_cannot_import()
    {
        _world.Directory.Add(new OrgUser("reader", "r", null, ["viewer"], new Dictionary<string, string>()));
        _world.Rules.Add(new PermissionRule { Role = "viewer", Form = "product", Actions = ["read"] });

        var error = Assert.ThrowsAsync<UnauthorizedAccessException>(() => ImportCsvAsync("sku,name\nA1,x\n",
            user: "reader"));

        Assert.That(error!.Message, Does.Contain("User 'reader' may not create records of form 'product'"));
        Assert.That(await ProductsAsync(), Is.Empty);
    }

    [Test]
    public async Task Rows_outside_the_users_create_scope_are_rejected()
    {
        _world.Directory.Add(new OrgUser("eastSales", "e", null, ["sales"], new Dictionary<string,
            string> { ["region"] = "east" }));
        _world.Rules.Add(new PermissionRule
        {
            Role = "sales", Form = "customer", Actions = ["create", "read"],
            Rows = Condition.AllOf(new Rule { Field = "region", Operator = RuleOperators.Equal,
                ValueFrom = "user.region" }),
        });
        await using var source =
            await CsvImportSource.OpenAsync(ImportTestForms.Csv("name,region\nA,east\nB,west\nC,east\n"), None);

        var result = await _world.Importer.ImportAsync(
            TestForms.Customer(), source, "eastSales", new ImportOptions { SkipBadRows = true }, None);

        Assert.That(result.RowsWritten, Is.EqualTo(2));
        Assert.That(result.Errors.Single().Row, Is.EqualTo(3));
        Assert.That(result.Errors.Single().Code, Is.EqualTo("permission"));
        var stored = await _world.Store.QueryAsync(new RecordQuery("customer"), null, None);
        Assert.That(stored.Items.Select(i => i.Data["region"]!.GetValue<string>()), Is.All.EqualTo("east"));
    }

    [Test]
    public async Task Progress_per_batch_and_end()
    {
        var reports = new List<ImportProgress>();
        var csv = "sku,name\n" + string.Concat(Enumerable.Range(1, 5).Select(i => $"S{i},n\n"));

        await ImportCsvAsync(csv, new ImportOptions { BatchSize = 2, Progress = new SyncProgress(reports) });

        Assert.That(reports.Select(r => (r.RowsRead, r.RowsAccepted, r.Completed)), Is.EqualTo(new[]
        {
            (2L, 2L, false), (4L, 4L, false), (5L, 5L, true),
        }));
    }

    [Test]
    public async Task Row_starter_runs_in_the_import_transaction()
    {
        var starter = new RecordingStarter(failOnRow: 3);

        Assert.ThrowsAsync<InvalidOperationException>(() =>
            ImportCsvAsync("sku,name\nA1,x\nA2,y\n", new ImportOptions { RowStarter = starter }));

        Assert.That(starter.Started, Is.EqualTo(new[] { 2L, 3L }));
        Assert.That(starter.VisibleInTransaction, Is.EqualTo(new[] { 1L, 2L }));
        Assert.That(await ProductsAsync(), Is.Empty);
    }

    [Test]
    public async Task Preview_converts_the_first_rows_with_errors()
    {
        await using var source = await CsvImportSource.OpenAsync(
            ImportTestForms.Csv("SKU,Name,Colour,price\nA1,x,red,1\nA2,y,blue,-1\nA3,z,green,3\n"), None);

        var preview = await _world.Importer.PreviewAsync(ImportTestForms.Product(), source, "admin",
            new ImportOptions(), 2, None);

        Assert.That(preview.Rows, Has.Count.EqualTo(2));
        Assert.That(preview.UnmappedColumns, Is.EqualTo(new[] { "Colour" }));
        Assert.That(preview.Mapping.Columns.Select(c => (c.Column, c.Field)), Is.EqualTo(new[]
        {
            ("SKU", "sku"), ("Name", "name"), ("price", "price"),
        }));
        Assert.That(preview.Rows[0].Errors, Is.Empty);
        Assert.That(preview.Rows[1].Errors.Single().Code, Is.EqualTo("range"));
        Assert.That(await ProductsAsync(), Is.Empty);
    }

    [Test]
    public void Mapping_round_trips_as_json()
    {
        var mapping = new ImportMapping
        {
            Columns = [new ImportColumnMapping("OrderID", "orderId") { Occurrence = 2 }, new ImportColumnMapping("货号",
                "sku")],
        };

        var copy = ImportMapping.FromJson(mapping.ToJson());

        Assert.That(copy.Columns, Is.EqualTo(mapping.Columns));
    }

    [Test]
    public void Mapping_with_malformed_json_gives_position()
    {
        var error = Assert.Throws<System.Text.Json.JsonException>(() => ImportMapping.FromJson("{\"columns\":["));

        Assert.That(error.Message, Is.EqualTo(
            "The import mapping is not valid JSON at line 1, column 13 (JSON path $.columns): the text ends before " +
            "the list that starts at line 1, column 12 is closed. Complete the last value and add the missing ]}. A " +
            "mapping looks like {\"columns\": [{\"column\": \"Customer code\", \"field\": \"code\"}]}."));
        Assert.That(error.Message, Does.Not.Contain("LineNumber"));
        Assert.That(error.LineNumber, Is.Zero);
        Assert.That(error.BytePositionInLine, Is.EqualTo(12));
    }

    [Test]
    public void Mapping_file_name_is_named()
    {
        var error = Assert.Throws<System.Text.Json.JsonException>(() =>
            ImportMapping.FromJson("{\"columns\": [{\"column\": \"Code\" \"field\": \"code\"}]}", "erp.mapping.json"));

        Assert.That(error.Message, Does.StartWith(
            "erp.mapping.json is not valid JSON at line 1, column 32 (JSON path $.columns[0]): a comma is missing " +
            "before '\"'."));
    }

    [Test]
    public void Mapping_with_wrong_value_type_gives_path()
    {
        var error = Assert.Throws<System.Text.Json.JsonException>(() =>
            ImportMapping.FromJson("{\n  \"columns\": [{\"column\": \"Code\", \"field\": \"code\", \"occurrence\": \"two\"}]\n}"));

        Assert.That(error.Message, Does.StartWith(
            "The import mapping has an invalid value at line 2, column 65 (JSON path $.columns[0].occurrence): the " +
            "value is text, but it must be a whole number. Correct the value."));
        Assert.That(error.Path, Is.EqualTo("$.columns[0].occurrence"));
    }

    [Test]
    public async Task Mapping_saved_by_name_is_found_again()
    {
        var store = new WorkflowKit.Storage.Sqlite.Records.SqliteImportMappingStore(_world.Db.Database, _world.Time);
        var mapping = new ImportMapping { Columns = [new ImportColumnMapping("货号", "sku") { Occurrence = 1 }] };

        await store.SaveAsync("product", "erp", mapping, "admin", None);
        await store.SaveAsync("product", "erp", mapping with { Columns = [new ImportColumnMapping("SKU", "sku")] },
            "admin", None);

        Assert.That((await store.FindAsync("product", "erp", None))!.Columns.Single().Column, Is.EqualTo("SKU"));
        Assert.That(await store.FindAsync("product", "other", None), Is.Null);
        Assert.That(await store.ListNamesAsync("product", None), Is.EqualTo(new[] { "erp" }));
    }

    [Test]
    public void Mapping_to_an_unknown_column_names_file_and_header()
    {
        var mapping = new ImportMapping { Columns = [new ImportColumnMapping("Colour", "name")] };

        var error = Assert.ThrowsAsync<InvalidDataException>(async () =>
        {
            await using var source = await CsvImportSource.OpenAsync(
                ImportTestForms.Csv("sku,name\nA1,x\n"), "products.csv", None);
            await _world.Importer.ImportAsync(
                ImportTestForms.Product(), source, "admin",
                new ImportOptions { Mapping = mapping, Culture = CultureInfo.GetCultureInfo("en") }, None);
        });

        Assert.That(error!.Message,
            Is.EqualTo(
                "products.csv: Column \"Colour\" is not in the file's header; the header has: \"sku\", \"name\"."));
    }

    [Test]
    public async Task Header_only_csv_is_rejected()
    {
        await using var source = await CsvImportSource.OpenAsync(
            ImportTestForms.Csv("sku,name\n\n,\n"), "products.csv", None);

        var error = Assert.ThrowsAsync<InvalidDataException>(() => _world.Importer.ImportAsync(
            ImportTestForms.Product(), source, "admin",
            new ImportOptions { Culture = CultureInfo.GetCultureInfo("en") }, None));

        Assert.That(error!.Message, Is.EqualTo(
            "products.csv has a header row but no data rows, so nothing was imported; add the rows below the " +
            "header, or check that you chose the right file (and, for a workbook, that its first sheet holds the " +
            "data)."));
    }

    [Test]
    public async Task Header_only_xlsx_preview_is_rejected_in_chinese()
    {
        var headerOnly = new MemoryStream();
        await MiniExcelLibs.MiniExcel.SaveAsAsync(
            headerOnly, new[] { new Dictionary<string, object?> { ["sku"] = "sku", ["name"] = "name" } },
            printHeader: false);
        headerOnly.Position = 0;
        await using var source = ExcelImportSource.Open(headerOnly, name: "产品.xlsx");

        var error = Assert.ThrowsAsync<InvalidDataException>(() => _world.Importer.PreviewAsync(
            ImportTestForms.Product(), source, "admin",
            new ImportOptions { Culture = CultureInfo.GetCultureInfo("zh-CN") }, 20, None));

        Assert.That(error!.Message, Is.EqualTo(
            "产品.xlsx 只有表头，没有数据行，所以没有导入任何记录；请在表头下面填写数据行，或检查是否选错了文件或工作表。"));
    }

    [Test]
    public void Mapping_error_names_blank_header_by_position()
    {
        var mapping = new ImportMapping { Columns = [new ImportColumnMapping("Colour", "name")] };

        var error = Assert.ThrowsAsync<InvalidDataException>(async () =>
        {
            await using var source = await CsvImportSource.OpenAsync(
                ImportTestForms.Csv("sku,,name, ,price\nA1,,x,,1\n"), "products.csv", None);
            await _world.Importer.ImportAsync(
                ImportTestForms.Product(), source, "admin",
                new ImportOptions { Mapping = mapping, Culture = CultureInfo.GetCultureInfo("en") }, None);
        });

        Assert.That(error!.Message, Is.EqualTo(
            "products.csv: Column \"Colour\" is not in the file's header; the header has: \"sku\", column 2 (blank " +
            "header), \"name\", column 4 (blank header), \"price\"."));
    }

    [Test]
    public async Task Row_error_names_blank_header_by_position()
    {
        var mapping = new ImportMapping
        {
            Columns = [new ImportColumnMapping("sku", "sku"), new ImportColumnMapping("", "price")],
        };
        await using var source = await CsvImportSource.OpenAsync(
            ImportTestForms.Csv("sku,name,\nA1,x,cheap\n"), "products.csv", None);

        var result = await _world.Importer.ImportAsync(
            ImportTestForms.Product(), source, "admin",
            new ImportOptions { Mapping = mapping, Culture = CultureInfo.GetCultureInfo("en") }, None);

        Assert.That(result.Errors.Single().Message, Does.StartWith(
            "products.csv row 2, column 3 (blank header) (price): \"cheap\" is not a number;"));
    }

    [Test]
    public async Task Row_error_names_blank_header_in_chinese()
    {
        var mapping = new ImportMapping
        {
            Columns = [new ImportColumnMapping("sku", "sku"), new ImportColumnMapping("", "price")],
        };
        await using var source = await CsvImportSource.OpenAsync(
            ImportTestForms.Csv("sku,,name\nA1,便宜,x\n"), "products.csv", None);

        var result = await _world.Importer.ImportAsync(
            ImportTestForms.Product(), source, "admin",
            new ImportOptions { Mapping = mapping, Culture = CultureInfo.GetCultureInfo("zh-CN") }, None);

        Assert.That(result.Errors.Single().Message, Does.StartWith(
            "products.csv 第 2 行，第 2 列（表头为空） (price)：“便宜” 不是数字"));
    }

    private sealed class SyncProgress(List<ImportProgress> reports) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => reports.Add(value);
    }

    private sealed class RecordingStarter(long failOnRow) : IImportRowStarter
    {
        public List<long> Started { get; } = [];

        public List<long> VisibleInTransaction { get; } = [];

        public async Task StartAsync(ImportedRow row, IStorageTransaction transaction,
            CancellationToken cancellationToken)
        {
            Started.Add(row.Row);
            await using var command = transaction.Connection.CreateCommand();
            command.Transaction = transaction.Transaction;
            command.CommandText = "SELECT COUNT(*) FROM records WHERE form_key = 'product'";
            VisibleInTransaction.Add((long)(await command.ExecuteScalarAsync(cancellationToken))!);
            if (row.Row == failOnRow)
            {
                throw new InvalidOperationException("flow start failed");
            }
        }
    }
}
