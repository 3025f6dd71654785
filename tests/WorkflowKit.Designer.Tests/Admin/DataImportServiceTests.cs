using Microsoft.Extensions.DependencyInjection;
using WorkflowKit.Designer.Admin;
using WorkflowKit.Designer.Localization;
using WorkflowKit.Designer.Services;
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
        var errors = new[]
        {
            new ImportRowError(3, "订单金额", "1,000\"", "total", "conversion", "无法读取") { File = "订单.csv" },
        };

        var csv = DataImportService.ErrorReportCsv(errors, new UiText { Culture = "zh-CN" });

        Assert.That(csv, Does.StartWith("\uFEFF文件,行,列,值,消息\r\n"));
        Assert.That(csv, Does.Contain("订单.csv,3,订单金额,\"1,000\"\"\",无法读取\r\n"));
    }

    [Test]
    public void Error_report_escapes_formula_cells()
    {
        var errors = new[]
        {
            new ImportRowError(4, "@col", "=cmd|' /C calc'!A0", "total", "conversion", "-1 is not allowed")
            {
                File = "=orders.csv",
            },
        };

        var csv = DataImportService.ErrorReportCsv(errors, new UiText { Culture = "en" });

        var lines = csv.Split("\r\n");
        Assert.That(lines[0], Is.EqualTo("\uFEFFFile,Row,Column,Value,Message"));
        Assert.That(lines[1], Is.EqualTo("'=orders.csv,4,'@col,'=cmd|' /C calc'!A0,'-1 is not allowed"));
    }

    [Test]
    public async Task Import_errors_name_the_uploaded_file()
    {
        await using var factory = new DesignerAppFactory();
        using var client = factory.CreateClient();
        await OrderDefinitions.PublishAsync(factory.Services.GetRequiredService<IDefinitionService>(), "owner");
        var imports = factory.Services.GetRequiredService<DataImportService>();
        var form = await imports.LoadFormAsync(
            (await imports.ListFormsAsync(default)).Single(candidate => candidate.Key == OrderDefinitions.FormKey),
            default);
        using var content = new MemoryStream(WorkflowKit.Import.CsvEncodingDetector.Gb18030.GetBytes(
            "客户,区域,订单金额,备用\n瑞金医院,华东,100,x\n协和医院,华北,12.5O,y\n"));
        using var file = await ImportFile.SaveAsync(content, "订单.csv", default);
        var info = await DataImportService.InspectAsync(file, "zh-CN", default);
        var mapping = DataImportService.ToMapping(info.Headers, DataImportService.SuggestFields(form, info.Headers));

        var preview = await imports.PreviewAsync(form, file, mapping, "owner", "zh-CN", 20, default);
        var result = await imports.ImportAsync(
            form, file, mapping, "owner", "zh-CN", skipBadRows: false, info.Rows, new Progress<ImportProgress>(), default);

        var error = result.Errors.Single();
        Assert.That(info.Encoding, Is.EqualTo("GBK (GB18030)"));
        Assert.That(preview.Rows[1].Errors.Single().Message, Is.EqualTo(error.Message));
        Assert.That(error.Message, Does.StartWith("订单.csv 第 3 行，“订单金额” 列 (total)：“12.5O” 不是数字"));
        Assert.That(error.Message.Split("订单.csv"), Has.Length.EqualTo(2), "the file is named once");
        Assert.That(error.Message.Split("第 3 行"), Has.Length.EqualTo(2), "the row is named once");
        Assert.That(result.Committed, Is.False);
        Assert.That(preview.UnmappedWarning, Does.StartWith("订单.csv：“备用” 列没有对应表单"));
        Assert.That(result.UnmappedWarning, Is.EqualTo(preview.UnmappedWarning));
    }

    [Test]
    public async Task Blank_header_with_values_is_warned()
    {
        await using var factory = new DesignerAppFactory();
        using var client = factory.CreateClient();
        await OrderDefinitions.PublishAsync(factory.Services.GetRequiredService<IDefinitionService>(), "owner");
        var imports = factory.Services.GetRequiredService<DataImportService>();
        var form = await imports.LoadFormAsync(
            (await imports.ListFormsAsync(default)).Single(candidate => candidate.Key == OrderDefinitions.FormKey),
            default);
        using var content = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(
            "客户,区域,订单金额,\n瑞金医院,华东,100,备注\n"));
        using var file = await ImportFile.SaveAsync(content, "订单.csv", default);
        var info = await DataImportService.InspectAsync(file, "zh-CN", default);
        var mapping = DataImportService.ToMapping(info.Headers, DataImportService.SuggestFields(form, info.Headers));

        var preview = await imports.PreviewAsync(form, file, mapping, "owner", "zh-CN", 20, default);
        var result = await imports.ImportAsync(
            form, file, mapping, "owner", "zh-CN", skipBadRows: false, info.Rows, new Progress<ImportProgress>(), default);

        Assert.That(preview.BlankHeaderWarning, Does.StartWith("订单.csv：第 4 列的表头为空，但下面有数据"));
        Assert.That(result.BlankHeaderWarning, Is.EqualTo(preview.BlankHeaderWarning));
        Assert.That(result.BlankHeaderColumns, Is.EqualTo(new[] { 4 }));
    }

    [Test]
    public async Task Header_only_file_rejected()
    {
        await using var factory = new DesignerAppFactory();
        using var client = factory.CreateClient();
        await OrderDefinitions.PublishAsync(factory.Services.GetRequiredService<IDefinitionService>(), "owner");
        var imports = factory.Services.GetRequiredService<DataImportService>();
        var form = await imports.LoadFormAsync(
            (await imports.ListFormsAsync(default)).Single(candidate => candidate.Key == OrderDefinitions.FormKey),
            default);
        using var content = new MemoryStream(System.Text.Encoding.UTF8.GetBytes("客户,区域,订单金额\n"));
        using var file = await ImportFile.SaveAsync(content, "订单.csv", default);
        var info = await DataImportService.InspectAsync(file, "zh-CN", default);
        var mapping = DataImportService.ToMapping(info.Headers, DataImportService.SuggestFields(form, info.Headers));

        var preview = Assert.ThrowsAsync<InvalidDataException>(() =>
            imports.PreviewAsync(form, file, mapping, "owner", "zh-CN", 20, default));
        var import = Assert.ThrowsAsync<InvalidDataException>(() => imports.ImportAsync(
            form, file, mapping, "owner", "en", skipBadRows: false, info.Rows, new Progress<ImportProgress>(), default));

        Assert.That(info.Rows, Is.Zero);
        Assert.That(preview!.Message, Does.StartWith("订单.csv 只有表头，没有数据行，所以没有导入任何记录；"));
        Assert.That(import!.Message, Does.StartWith("订单.csv has a header row but no data rows, so nothing was imported;"));
    }

    [Test]
    public async Task Unclosed_quote_is_rejected_on_upload()
    {
        using var content = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(
            "客户,区域,订单金额\n瑞金医院,华东,100\n\"协和医院,华北,12\n仁济医院,华东,5\n"));
        using var file = await ImportFile.SaveAsync(content, "订单.csv", default);

        var error = Assert.ThrowsAsync<InvalidDataException>(() => DataImportService.InspectAsync(file, "en", default));

        Assert.That(error!.Message, Does.StartWith("订单.csv row 3, column \"客户\": the quoted value that starts with"));
        Assert.That(error.Message.Split("订单.csv"), Has.Length.EqualTo(2), "the file is named once");
    }

    [Test]
    public async Task Unclosed_quote_message_in_chinese()
    {
        using var content = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(
            "客户,区域,订单金额\n瑞金医院,华东,100\n\"协和医院,华北,12\n仁济医院,华东,5\n"));
        using var file = await ImportFile.SaveAsync(content, "订单.csv", default);

        var error = Assert.ThrowsAsync<InvalidDataException>(() =>
            DataImportService.InspectAsync(file, "zh-CN", default));

        Assert.That(error!.Message, Is.EqualTo(
            "订单.csv 第 3 行，“客户” 列：以 “协和医院,华北,12 仁济医院,华东,5 ” 开头的带引号的值没有结束引号，" +
            "文件的其余部分会被读进这一个单元格，所以没有导入任何内容。请补上结束引号（\"）或删除开头的引号，然后重新导入文件。"));
    }

    [Test]
    public void Blank_header_is_labelled_by_position()
    {
        string[] headers = ["客户", " ", "订单金额"];

        Assert.That(DataImportService.HeaderLabel(headers, 0, new UiText { Culture = "en" }), Is.EqualTo("客户"));
        Assert.That(
            DataImportService.HeaderLabel(headers, 1, new UiText { Culture = "en" }),
            Is.EqualTo("column 2 (blank header)"));
        Assert.That(
            DataImportService.HeaderLabel(headers, 1, new UiText { Culture = "zh-CN" }),
            Is.EqualTo("第 2 列（表头为空）"));
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

        var info = await DataImportService.InspectAsync(file, "en", default);

        Assert.That(info.Headers, Is.EqualTo(new[] { "客户", "订单金额" }));
        Assert.That(info.Rows, Is.EqualTo(2));
        Assert.That(info.Encoding, Is.Null);
    }

    [Test]
    public async Task Empty_excel_sheet_follows_page_language()
    {
        using var workbook = new MemoryStream();
        await MiniExcelLibs.MiniExcel.SaveAsAsync(
            workbook, Array.Empty<Dictionary<string, object?>>(), printHeader: false);
        workbook.Position = 0;
        using var file = await ImportFile.SaveAsync(workbook, "订单.xlsx", default);

        var chinese = Assert.ThrowsAsync<InvalidDataException>(() =>
            DataImportService.InspectAsync(file, "zh-CN", default));
        var english = Assert.ThrowsAsync<InvalidDataException>(() =>
            DataImportService.InspectAsync(file, "en", default));

        Assert.That(chinese!.Message, Is.EqualTo(
            "订单.xlsx 的第一个工作表“Sheet1”是空的；导入需要第一行是表头，下面是数据行。请在这个工作表中填写表头和数据；" +
            "如果数据在其他工作表中，请把那个工作表移到最前面；也请检查是否选错了文件。"));
        Assert.That(english!.Message, Does.StartWith(
            "The first sheet (\"Sheet1\") of 订单.xlsx is empty; expected a header row followed by data rows."));
    }

    [Test]
    public async Task Mapping_error_follows_page_language()
    {
        await using var factory = new DesignerAppFactory();
        using var client = factory.CreateClient();
        await OrderDefinitions.PublishAsync(factory.Services.GetRequiredService<IDefinitionService>(), "owner");
        var imports = factory.Services.GetRequiredService<DataImportService>();
        var form = await imports.LoadFormAsync(
            (await imports.ListFormsAsync(default)).Single(candidate => candidate.Key == OrderDefinitions.FormKey),
            default);
        using var workbook = new MemoryStream();
        await MiniExcelLibs.MiniExcel.SaveAsAsync(workbook, new[]
        {
            new Dictionary<string, object> { ["客户"] = "瑞金医院", ["订单金额"] = 1200.5 },
        });
        workbook.Position = 0;
        using var file = await ImportFile.SaveAsync(workbook, "订单.xlsx", default);
        // A saved mapping from an older layout of the file, whose "区域" column is gone.
        var mapping = new ImportMapping
        {
            Columns = [new ImportColumnMapping("客户", "customer"), new ImportColumnMapping("区域", "region")],
        };

        var chinese = Assert.ThrowsAsync<InvalidDataException>(() =>
            imports.PreviewAsync(form, file, mapping, "owner", "zh-CN", 20, default));
        var english = Assert.ThrowsAsync<InvalidDataException>(() => imports.ImportAsync(
            form, file, mapping, "owner", "en", skipBadRows: false, 1, new Progress<ImportProgress>(), default));

        Assert.That(chinese!.Message, Is.EqualTo(
            "订单.xlsx：表头中没有“区域”列；表头包含：“客户”、“订单金额”。请在映射中改选表头中的列，或检查是否选错了文件。"));
        Assert.That(english!.Message, Is.EqualTo(
            "订单.xlsx: Column \"区域\" is not in the file's header; the header has: \"客户\", \"订单金额\"."));
    }

    [Test]
    public async Task Unreadable_workbook_in_chinese()
    {
        using var content = new MemoryStream("not a workbook"u8.ToArray());
        using var file = await ImportFile.SaveAsync(content, "订单.xlsx", default);

        var error = Assert.ThrowsAsync<InvalidDataException>(() =>
            DataImportService.InspectAsync(file, "zh-CN", default));

        Assert.That(error!.Message, Does.StartWith("无法把文件“订单.xlsx”读取为 Excel 工作簿（"));
        Assert.That(error.Message, Does.EndWith("）。请在 Excel 中打开它，另存为 .xlsx 文件后重新导入。"));
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
