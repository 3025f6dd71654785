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
}
