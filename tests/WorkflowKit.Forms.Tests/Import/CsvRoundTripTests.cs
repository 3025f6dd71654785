using System.Globalization;
using System.Text.Json.Nodes;
using WorkflowKit.Definitions;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Definitions.Packages;
using WorkflowKit.Forms.Tests.Support;
using WorkflowKit.Import;
using WorkflowKit.Records;

namespace WorkflowKit.Forms.Tests.Import;

/// <summary>
/// A CSV export escapes text that a spreadsheet would run as a formula, and importing that file into an empty
/// database must give back the stored values unchanged.
/// </summary>
public sealed class CsvRoundTripTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly CultureInfo En = CultureInfo.GetCultureInfo("en");

    [TestCase("'=SUM(A1)", "=SUM(A1)")]
    [TestCase("'+86 21 5555 0000", "+86 21 5555 0000")]
    [TestCase("'-owes 250", "-owes 250")]
    [TestCase("'@handle", "@handle")]
    [TestCase("'\tindented", "\tindented")]
    [TestCase("'\rreturn", "\rreturn")]
    [TestCase("''=quoted", "'=quoted")]
    [TestCase("'''-two", "''-two")]
    [TestCase("'abc", "'abc")]
    [TestCase("'5", "'5")]
    [TestCase("'", "'")]
    [TestCase("''", "''")]
    [TestCase("=SUM(A1)", "=SUM(A1)")]
    [TestCase("a'=b", "a'=b")]
    [TestCase("", "")]
    public void Unescape_removes_only_the_export_apostrophe(string cell, string expected) =>
        Assert.That(SpreadsheetText.Unescape(cell), Is.EqualTo(expected));

    [TestCase("=SUM(A1)")]
    [TestCase("'=SUM(A1)")]
    [TestCase("''-x")]
    [TestCase("'abc")]
    [TestCase("plain")]
    [TestCase("-")]
    public void Unescape_inverts_escape(string text) =>
        Assert.That(SpreadsheetText.Unescape(SpreadsheetText.Escape(text)), Is.EqualTo(text));

    [Test]
    public void Converter_keeps_apostrophe_without_escaped_source()
    {
        var converter = new ImportValueConverter(En, TimeZoneInfo.Utc);
        var field = TestForms.Field("note", FieldTypes.Text, "备注", "Note");

        converter.TryConvert(field, "'=SUM(A1)", out var value, out _);

        Assert.That(value!.GetValue<string>(), Is.EqualTo("'=SUM(A1)"));
    }

    [Test]
    public void Converter_leaves_numbers_escaped()
    {
        var converter = new ImportValueConverter(En, TimeZoneInfo.Utc) { UnescapeText = true };
        var field = TestForms.Field("amount", FieldTypes.Number, "数量", "Amount");

        var converted = converter.TryConvert(field, "'-5", out _, out var reason);

        Assert.That(converted, Is.False, "a number cell is not text, so its apostrophe stays and fails");
        Assert.That(reason, Is.Not.Null);
    }

    [Test]
    public async Task Export_then_import_gives_identical_values()
    {
        var rows = new[]
        {
            Row("r1", "=HYPERLINK(\"http://x\",\"y\")", "-owes 250", "-20C", ["+4C", "lab"], -250.5m),
            Row("r2", "@handle", "\tindented note", "=A", ["lab"], 3m),
            Row("r3", "+86 21 5555 0000", "\rafter a carriage return", "plain", ["+4C"], 0m),
            Row("r4", "'=already quoted", "'plain apostrophe", "plain", [], 1m),
            Row("r5", "''@two apostrophes", "'", "-20C", [], 2m),
            Row("r6", "normal", "'5", "plain", ["lab"], 4.25m),
        };
        await using var source = await TestWorld.CreateAsync(Memo());
        source.AddAdmin("admin", "memo");
        foreach (var row in rows)
        {
            await source.Store.CreateAsync("memo", row, new RecordWriteContext("admin"), None);
        }

        using var csv = new MemoryStream();
        var exported = await source.Exporter.ExportCsvAsync("admin", "memo", csv, En, null, None);
        await using var target = await TestWorld.CreateAsync(Memo());
        target.AddAdmin("admin", "memo");
        csv.Position = 0;
        await using var file = await CsvImportSource.OpenAsync(csv, None);
        var result = await target.Importer.ImportAsync(
            Memo(), file, "admin", new ImportOptions { Culture = En }, None);
        var imported = await MemosAsync(target);

        Assert.That(exported, Is.EqualTo(rows.Length));
        Assert.That(result.Errors, Is.Empty, string.Join("; ", result.Errors.Select(error => error.Message)));
        Assert.That(imported, Has.Count.EqualTo(rows.Length));
        for (var i = 0; i < rows.Length; i++)
        {
            Assert.That(imported[i].ToJsonString(), Is.EqualTo(rows[i].ToJsonString()), $"row {i + 1}");
        }
    }

    [Test]
    public async Task Export_then_import_maps_formula_like_headers()
    {
        await using var source = await TestWorld.CreateAsync(Ledger());
        source.AddAdmin("admin", "ledger");
        await source.Store.CreateAsync(
            "ledger", new JsonObject { ["total"] = "=SUM(B2:B9)", ["phone"] = "+86 21 5555 0000" },
            new RecordWriteContext("admin"), None);
        using var csv = new MemoryStream();
        await source.Exporter.ExportCsvAsync("admin", "ledger", csv, En, null, None);
        await using var target = await TestWorld.CreateAsync(Ledger());
        target.AddAdmin("admin", "ledger");
        csv.Position = 0;

        await using var file = await CsvImportSource.OpenAsync(csv, "ledger.csv", None);
        var result = await target.Importer.ImportAsync(Ledger(), file, "admin", new ImportOptions { Culture = En }, None);
        var imported = (await target.Store.QueryAsync(new RecordQuery("ledger"), null, None)).Items.Single().Data;

        Assert.That(file.Headers, Is.EqualTo(new[] { "=Total", "+Phone" }));
        Assert.That(result.UnmappedColumns, Is.Empty);
        Assert.That(imported["total"]!.GetValue<string>(), Is.EqualTo("=SUM(B2:B9)"));
        Assert.That(imported["phone"]!.GetValue<string>(), Is.EqualTo("+86 21 5555 0000"));
    }

    [Test]
    public async Task Excel_select_with_export_apostrophe_gets_hint()
    {
        var path = Path.Combine(Path.GetTempPath(), $"wk-memo-{Guid.NewGuid():N}.xlsx");
        await MiniExcelLibs.MiniExcel.SaveAsAsync(path, new[]
        {
            new Dictionary<string, object> { ["ref"] = "r1", ["grade"] = "'-20C" },
        });
        await using var world = await TestWorld.CreateAsync(Memo());
        world.AddAdmin("admin", "memo");

        ImportResult result;
        await using (var file = ExcelImportSource.Open(File.OpenRead(path), name: "memos.xlsx"))
        {
            result = await world.Importer.ImportAsync(Memo(), file, "admin", new ImportOptions { Culture = En }, None);
        }

        File.Delete(path);
        var error = result.Errors.Single();
        Assert.That(error.Code, Is.EqualTo("option"));
        Assert.That(error.Message, Is.EqualTo(
            "memos.xlsx row 2, column \"grade\" (grade): \"'-20C\" is not an option, but \"-20C\" is; remove the " +
            "leading apostrophe, which a CSV export puts before =, +, - and @ so that spreadsheets show the text."));
    }

    [Test]
    public async Task Csv_multiselect_item_with_apostrophe_gets_hint()
    {
        await using var world = await TestWorld.CreateAsync(Memo());
        world.AddAdmin("admin", "memo");
        await using var file = await CsvImportSource.OpenAsync(
            ImportTestForms.Csv("ref,tags\nr1,\"lab, '+4C\"\n"), "memos.csv", None);

        var result = await world.Importer.ImportAsync(Memo(), file, "admin", new ImportOptions { Culture = En }, None);

        Assert.That(result.Errors.Single().Message, Does.Contain("but \"+4C\" is; remove the leading apostrophe"));
    }

    [Test]
    public async Task Unknown_select_value_gets_no_hint()
    {
        await using var world = await TestWorld.CreateAsync(Memo());
        world.AddAdmin("admin", "memo");
        await using var file = await CsvImportSource.OpenAsync(
            ImportTestForms.Csv("ref,grade\nr1,'-30C\n"), "memos.csv", None);

        var result = await world.Importer.ImportAsync(Memo(), file, "admin", new ImportOptions { Culture = En }, None);

        Assert.That(result.Errors.Single().Code, Is.EqualTo("option"));
        Assert.That(result.Errors.Single().Message, Does.Not.Contain("apostrophe"));
    }

    // A form whose English labels start with characters that the CSV export escapes.
    private static FormDefinition Ledger() => new()
    {
        Key = "ledger",
        Name = new LocalizedText("台账", "Ledger"),
        Fields =
        [
            TestForms.Field("total", FieldTypes.Text, "合计", "=Total"),
            TestForms.Field("phone", FieldTypes.Text, "电话", "+Phone"),
        ],
    };

    private static async Task<List<JsonObject>> MemosAsync(TestWorld world) =>
        [.. (await world.Store.QueryAsync(
                new RecordQuery("memo") { Limit = 100, Sort = [new SortOrder { Field = "ref" }] }, null, None))
            .Items.Select(item => item.Data)];

    private static JsonObject Row(
        string reference, string name, string note, string grade, string[] tags, decimal amount)
    {
        var row = new JsonObject
        {
            ["ref"] = reference,
            ["name"] = name,
            ["note"] = note,
            ["grade"] = grade,
        };
        if (tags.Length > 0)
        {
            row["tags"] = new JsonArray([.. tags.Select(tag => (JsonNode?)JsonValue.Create(tag))]);
        }

        row["amount"] = amount;
        return row;
    }

    // Text, long text, select and number fields, with options that start with formula characters.
    private static FormDefinition Memo()
    {
        var grade = TestForms.Field("grade", FieldTypes.SingleSelect, "等级", "Grade");
        grade.Options = [TestForms.Option("-20C"), TestForms.Option("=A"), TestForms.Option("plain")];
        var tags = TestForms.Field("tags", FieldTypes.MultiSelect, "标签", "Tags");
        tags.Options = [TestForms.Option("+4C"), TestForms.Option("lab")];
        return new FormDefinition
        {
            Key = "memo",
            Name = new LocalizedText("备忘", "Memo"),
            TitleField = "name",
            IndexedFields = ["ref"],
            Fields =
            [
                TestForms.Field("ref", FieldTypes.Text, "编号", "Ref"),
                TestForms.Field("name", FieldTypes.Text, "名称", "Name"),
                TestForms.Field("note", FieldTypes.LongText, "备注", "Note"),
                grade,
                tags,
                TestForms.Field("amount", FieldTypes.Number, "数量", "Amount"),
            ],
        };
    }
}
