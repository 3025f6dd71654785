using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using MiniExcelLibs;
using WorkflowKit.Definitions.Conditions;
using WorkflowKit.Definitions.Packages;
using WorkflowKit.Forms.Tests.Support;
using WorkflowKit.Organization;
using WorkflowKit.Records;

namespace WorkflowKit.Forms.Tests.Import;

public sealed class RecordExporterTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly CultureInfo En = CultureInfo.GetCultureInfo("en");
    private TestWorld _world = null!;

    [SetUp]
    public async Task SetUp()
    {
        _world = await TestWorld.CreateAsync(TestForms.Customer());
        _world.Directory.Add(new OrgUser("east", "e", null, ["sales"], new Dictionary<string,
            string> { ["region"] = "east" }));
        _world.Directory.Add(new OrgUser("viewer", "v", null, ["viewer"], new Dictionary<string, string>()));
        _world.Rules.Add(new PermissionRule
        {
            Role = "sales", Form = "customer", Actions = ["read", "export"], HiddenFields = ["price"],
            Rows = Condition.AllOf(new Rule { Field = "region", Operator = RuleOperators.Equal,
                ValueFrom = "user.region" }),
        });
        _world.Rules.Add(new PermissionRule { Role = "viewer", Form = "customer", Actions = ["read"] });
        foreach (var (name, region, price) in new[] { ("协和", "east", "12.50"), ("华山", "west", "99.99"), ("瑞金", "east",
            "7") })
        {
            await _world.Store.CreateAsync(
                "customer",
                new JsonObject
                {
                    ["name"] = name, ["region"] = region, ["price"] = JsonNode.Parse(price),
                    ["creditLimit"] = JsonNode.Parse("1000.10"), ["tags"] = new JsonArray("vip", "lab"),
                },
                new RecordWriteContext("admin"), None);
        }
    }

    [TearDown]
    public async Task TearDown() => await _world.DisposeAsync();

    [Test]
    public async Task Csv_has_only_visible_rows_and_columns()
    {
        using var output = new MemoryStream();

        var count = await _world.Exporter.ExportCsvAsync("east", "customer", output, En, null, None);

        var lines = Encoding.UTF8.GetString(output.ToArray()).TrimStart('\uFEFF').Split("\r\n",
            StringSplitOptions.RemoveEmptyEntries);
        Assert.That(count, Is.EqualTo(2));
        Assert.That(lines[0], Is.EqualTo("Code,Name,Region,Credit limit,Tags,Note"));
        Assert.That(lines[1], Is.EqualTo("C-20240305-001,协和,east,1000.10,\"vip, lab\","));
        Assert.That(lines[2], Is.EqualTo("C-20240305-003,瑞金,east,1000.10,\"vip, lab\","));
        Assert.That(string.Join("\n", lines), Does.Not.Contain("99.99").And.Not.Contain("12.5"));
    }

    [Test]
    public async Task Csv_escapes_formula_text_only()
    {
        await _world.Store.CreateAsync(
            "customer",
            new JsonObject
            {
                ["name"] = "=HYPERLINK(\"http://x\",\"y\")", ["region"] = "east", ["price"] = 1,
                ["creditLimit"] = JsonNode.Parse("-250.50"), ["tags"] = new JsonArray("lab"),
                ["note"] = "-owes 250",
            },
            new RecordWriteContext("admin"), None);
        using var output = new MemoryStream();

        await _world.Exporter.ExportCsvAsync("east", "customer", output, En, null, None);

        var lines = Encoding.UTF8.GetString(output.ToArray()).TrimStart('\uFEFF').Split("\r\n",
            StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines[3], Is.EqualTo(
            "C-20240305-004,\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",east,-250.50,lab,'-owes 250"));
    }

    [Test]
    public async Task Xlsx_has_numeric_money_and_no_hidden_column()
    {
        using var output = new MemoryStream();

        var count = await _world.Exporter.ExportExcelAsync("east", "customer", output,
            CultureInfo.GetCultureInfo("zh-CN"), null, None);

        output.Position = 0;
        var rows = MiniExcel.Query(output, useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        Assert.That(count, Is.EqualTo(2));
        Assert.That(rows[0].Keys, Is.EqualTo(new[] { "编号", "名称", "区域", "信用额度", "标签", "备注" }));
        Assert.That(rows.Select(row => row["名称"]), Is.EqualTo(new[] { "协和", "瑞金" }));
        Assert.That(Convert.ToDecimal(rows[0]["信用额度"], CultureInfo.InvariantCulture), Is.EqualTo(1000.10m));
    }

    [Test]
    public void User_without_export_action_is_refused()
    {
        using var output = new MemoryStream();

        Assert.ThrowsAsync<UnauthorizedAccessException>(() =>
            _world.Exporter.ExportCsvAsync("viewer", "customer", output, En, null, None));
    }
}
