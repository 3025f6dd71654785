using Microsoft.Extensions.DependencyInjection;
using WorkflowKit.Designer.Admin;
using WorkflowKit.Designer.Localization;
using WorkflowKit.Designer.Tests.Support;
using WorkflowKit.Import;

namespace WorkflowKit.Designer.Tests.Admin;

public sealed class DataImportServiceTests
{
    [Test]
    public void Headers_suggest_fields_by_label_and_key()
    {
        var fields = DataImportService.SuggestFields(
            OrderDefinitions.Form(), ["客户名称", "Region", "订单金额", "total", "备注 Note", "其他"]);

        Assert.That(fields, Is.EqualTo(new[] { "customer", "region", "total", null, "note", null }));
    }

    [Test]
    public void Mapping_round_trips_repeated_headers()
    {
        string[] headers = ["客户", "金额", "金额"];

        var mapping = DataImportService.ToMapping(headers, ["customer", null, "total"]);
        var fields = DataImportService.FromMapping(headers, mapping);

        Assert.That(mapping.Columns, Is.EqualTo(new[]
        {
            new ImportColumnMapping("客户", "customer"),
            new ImportColumnMapping("金额", "total") { Occurrence = 2 },
        }));
        Assert.That(fields, Is.EqualTo(new[] { "customer", null, "total" }));
    }

    [Test]
    public void Error_report_quotes_cells()
    {
        var errors = new[] { new ImportRowError(3, "订单金额", "1,000\"", "total", "conversion", "无法读取") };

        var csv = DataImportService.ErrorReportCsv(errors, new UiText { Culture = "zh-CN" });

        Assert.That(csv, Does.StartWith("\uFEFF行,列,值,消息,处理办法\r\n"));
        Assert.That(csv, Does.Contain("3,订单金额,\"1,000\"\"\",无法读取,请修改文件中的值"));
    }

    [Test]
    public void Error_report_escapes_formula_cells()
    {
        var errors = new[]
        {
            new ImportRowError(4, "@col", "=cmd|' /C calc'!A0", "total", "conversion", "-1 is not allowed"),
        };

        var csv = DataImportService.ErrorReportCsv(errors, new UiText { Culture = "en" });

        var lines = csv.Split("\r\n");
        Assert.That(lines[1], Does.StartWith("4,'@col,'=cmd|' /C calc'!A0,'-1 is not allowed,"));
    }

    [Test]
    public async Task Excel_file_headers_and_rows_are_read()
    {
        using var workbook = new MemoryStream();
        await MiniExcelLibs.MiniExcel.SaveAsAsync(workbook, new[]
        {
            new Dictionary<string, object> { ["客户"] = "瑞金医院", ["订单金额"] = 1200.5 },
            new Dictionary<string, object> { ["客户"] = "协和医院", ["订单金额"] = 800 },
        });
        workbook.Position = 0;
        using var file = await ImportFile.SaveAsync(workbook, "orders.xlsx", default);

        var info = await DataImportService.InspectAsync(file, default);

        Assert.That(info.Headers, Is.EqualTo(new[] { "客户", "订单金额" }));
        Assert.That(info.Rows, Is.EqualTo(2));
        Assert.That(info.Encoding, Is.Null);
    }

    [Test]
    public void Unknown_extension_is_rejected()
    {
        using var content = new MemoryStream([1, 2, 3]);

        var error = Assert.ThrowsAsync<InvalidDataException>(() => ImportFile.SaveAsync(content, "orders.xls", default));

        Assert.That(error!.Message, Does.Contain("\"orders.xls\" is not a .csv or .xlsx file"));
    }

    [Test]
    public async Task Template_mapping_files_are_offered()
    {
        await using var factory = new DesignerAppFactory(templates: DesignerAppFactory.RepositoryTemplates());
        using var client = factory.CreateClient();
        var imports = factory.Services.GetRequiredService<DataImportService>();

        var presets = await imports.ListPresetsAsync("receivable", default);
        var kingdee = presets.Single(preset => preset.Name == "kingdee-receivables");
        var mapping = await imports.LoadPresetAsync("receivable", kingdee, default);

        Assert.That(kingdee.IsTemplate, Is.True);
        Assert.That(mapping!.Columns, Does.Contain(new ImportColumnMapping("客户编码", "customer")));
    }
}
