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
    public async Task Page_import_checks_dates_codes_formulas()
    {
        await using var factory = new DesignerAppFactory();
        using var client = factory.CreateClient();
        await LabCheckDefinitions.PublishAsync(factory.Services.GetRequiredService<IDefinitionService>(), "owner");
        var imports = factory.Services.GetRequiredService<DataImportService>();
        var form = await imports.LoadFormAsync(
            (await imports.ListFormsAsync(default)).Single(candidate => candidate.Key == LabCheckDefinitions.FormKey),
            default);
        using var content = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(
            "code,launched,total\n\" C9201\",2026-05-01,1\nC9202,5/1/2026,2\nC9203,45000,3\n"));
        using var file = await ImportFile.SaveAsync(content, "lab.csv", default);
        var info = await DataImportService.InspectAsync(file, "en", default);
        var mapping = DataImportService.ToMapping(info.Headers, DataImportService.SuggestFields(form, info.Headers));

        var preview = await imports.PreviewAsync(form, file, mapping, "owner", "en", 20, default);
        var result = await imports.ImportAsync(
            form, file, mapping, "owner", "en", skipBadRows: true, info.Rows, new Progress<ImportProgress>(), default);

        Assert.That(preview.Rows[0].Errors, Is.Empty);
        Assert.That(preview.Rows[0].Data["code"]!.GetValue<string>(), Is.EqualTo("C9201"));
        Assert.That(preview.TrimmedWarning, Is.EqualTo(
            "lab.csv: 1 cell of a code or unique-key column starts or ends with spaces, which the import removes " +
            "(\" C0001\" is stored as \"C0001\"). column \"code\": row 2."));
        Assert.That(preview.Rows[1].Errors.Single().Message, Does.StartWith(
            "lab.csv row 3, column \"launched\" (launched): \"5/1/2026\" has the year last"));
        Assert.That(preview.Rows[2].Errors.Single().Message, Does.StartWith(
            "lab.csv row 4, column \"launched\" (launched): \"45000\" is a number, not a date"));
        Assert.That(result.RowsWritten, Is.EqualTo(1));
        Assert.That(result.TrimmedWarning, Is.EqualTo(preview.TrimmedWarning));
        Assert.That(result.Errors.Select(error => error.Row), Is.EqualTo(new long[] { 3, 4 }));

        using var workbook = new MemoryStream(FormulaWorkbook("code", "total", "C9204", "500*3"));
        using var excel = await ImportFile.SaveAsync(workbook, "lab.xlsx", default);
        var excelMapping = DataImportService.ToMapping(["code", "total"], ["code", "total"]);
        var excelPreview = await imports.PreviewAsync(form, excel, excelMapping, "owner", "zh-CN", 20, default);

        Assert.That(excelPreview.Rows.Single().Errors.Single().Message, Is.EqualTo(
            "lab.xlsx 第 2 行，“total” 列 (total)：“=500*3” 是没有保存计算结果的公式，通常由不计算公式的程序写出；" +
            "请在 Excel 中打开并保存这个文件，让 Excel 保存公式的结果，或直接在单元格中填写值。"));
    }

    [Test]
    public async Task Latin_file_rejected_on_upload()
    {
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        using var content = new MemoryStream(System.Text.Encoding.GetEncoding(1252).GetBytes(
            "code,name,contact\nC9201,Hôpital Zürich Süd,Müller\n"));
        using var file = await ImportFile.SaveAsync(content, "cust-cp1252.csv", default);

        var rejected = Assert.ThrowsAsync<InvalidDataException>(() =>
            DataImportService.InspectAsync(file, "zh-CN", default));

        Assert.That(rejected!.Message, Does.StartWith("cust-cp1252.csv 既不是 UTF-8 编码也不是 GBK 编码：第 2 行按 GBK 读作“"));
        Assert.That(rejected.Message, Does.Contain("按西文 Windows 编码（Windows-1252）读作“Hôpital”"));
    }

    /// <summary>
    /// Writes a one-sheet workbook with a header row and one data row whose second cell is a formula without a saved
    /// result, as a script that does not calculate formulas writes it.
    /// </summary>
    private static byte[] FormulaWorkbook(string firstHeader, string secondHeader, string text, string formula)
    {
        const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        const string Relationships = "http://schemas.openxmlformats.org/package/2006/relationships";
        const string Office = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
        using var bytes = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(bytes, System.IO.Compression.ZipArchiveMode.Create))
        {
            void Add(string name, string xml)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open(), new System.Text.UTF8Encoding(false));
                writer.Write(xml);
            }

            Add("[Content_Types].xml",
                "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">" +
                "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>" +
                "<Default Extension=\"xml\" ContentType=\"application/xml\"/>" +
                "<Override PartName=\"/xl/workbook.xml\" " +
                "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>" +
                "<Override PartName=\"/xl/worksheets/sheet1.xml\" " +
                "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/></Types>");
            Add("_rels/.rels", $"<Relationships xmlns=\"{Relationships}\"><Relationship Id=\"rId1\" " +
                $"Target=\"xl/workbook.xml\" Type=\"{Office}/officeDocument\"/></Relationships>");
            Add("xl/workbook.xml", $"<workbook xmlns=\"{Main}\" xmlns:r=\"{Office}\"><sheets>" +
                "<sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
            Add("xl/_rels/workbook.xml.rels", $"<Relationships xmlns=\"{Relationships}\"><Relationship Id=\"rId1\" " +
                $"Target=\"worksheets/sheet1.xml\" Type=\"{Office}/worksheet\"/></Relationships>");
            Add("xl/worksheets/sheet1.xml", $"<worksheet xmlns=\"{Main}\"><sheetData>" +
                $"<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>{firstHeader}</t></is></c>" +
                $"<c r=\"B1\" t=\"inlineStr\"><is><t>{secondHeader}</t></is></c></row>" +
                $"<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>{text}</t></is></c>" +
                $"<c r=\"B2\"><f>{formula}</f></c></row></sheetData></worksheet>");
        }

        return bytes.ToArray();
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
