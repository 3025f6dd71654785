using System.Globalization;
using System.IO.Compression;
using System.Security;
using System.Text;

namespace WorkflowKit.Forms.Tests.Support;

/// <summary>
/// Writes a one-sheet .xlsx file cell by cell, with the cell types that Excel writes: inline text, numbers and error
/// cells (<c>t="e"</c>) whose formula failed, and formula cells without a saved result, as scripts write them.
/// MiniExcel cannot write such cells, so the tests build the package parts themselves.
/// </summary>
internal static class ErrorCellWorkbook
{
    /// <summary>A cell's content: a string, a double, an <see cref="Error"/> or an <see cref="UncalculatedFormula"/>.</summary>
    public sealed record Error(string Code, string Formula);

    /// <summary>A formula cell without a saved result, as libraries that do not calculate formulas write it.</summary>
    public sealed record UncalculatedFormula(string Text);

    /// <summary>A formula cell with its saved numeric result, as Excel writes it.</summary>
    public sealed record CalculatedFormula(string Text, double Value);

    public static async Task WriteAsync(string path, IReadOnlyList<IReadOnlyList<object?>> rows)
    {
        await using var file = File.Create(path);
        using var zip = new ZipArchive(file, ZipArchiveMode.Create);
        await AddAsync(zip, "[Content_Types].xml",
            "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">" +
            "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>" +
            "<Default Extension=\"xml\" ContentType=\"application/xml\"/>" +
            "<Override PartName=\"/xl/workbook.xml\" " +
            "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>" +
            "<Override PartName=\"/xl/worksheets/sheet1.xml\" " +
            "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/></Types>");
        await AddAsync(zip, "_rels/.rels",
            "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" +
            "<Relationship Id=\"rId1\" Target=\"xl/workbook.xml\" Type=\"" +
            "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\"/></Relationships>");
        await AddAsync(zip, "xl/workbook.xml",
            "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" " +
            "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">" +
            "<sheets><sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
        await AddAsync(zip, "xl/_rels/workbook.xml.rels",
            "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" +
            "<Relationship Id=\"rId1\" Target=\"worksheets/sheet1.xml\" Type=\"" +
            "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\"/></Relationships>");
        await AddAsync(zip, "xl/worksheets/sheet1.xml", Sheet(rows));
    }

    private static string Sheet(IReadOnlyList<IReadOnlyList<object?>> rows)
    {
        var sheet = new StringBuilder(
            "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>");
        for (var r = 0; r < rows.Count; r++)
        {
            sheet.Append($"<row r=\"{r + 1}\">");
            for (var c = 0; c < rows[r].Count; c++)
            {
                var reference = $"{(char)('A' + c)}{r + 1}";
                sheet.Append(rows[r][c] switch
                {
                    null => string.Empty,
                    Error error =>
                        $"<c r=\"{reference}\" t=\"e\"><f>{Escape(error.Formula)}</f><v>{Escape(error.Code)}</v></c>",
                    CalculatedFormula formula => $"<c r=\"{reference}\"><f>{Escape(formula.Text)}</f>" +
                        $"<v>{formula.Value.ToString(CultureInfo.InvariantCulture)}</v></c>",
                    UncalculatedFormula formula => $"<c r=\"{reference}\"><f>{Escape(formula.Text)}</f></c>",
                    double number => $"<c r=\"{reference}\"><v>{number.ToString(CultureInfo.InvariantCulture)}</v></c>",
                    var text => $"<c r=\"{reference}\" t=\"inlineStr\"><is><t>{Escape(text.ToString()!)}</t></is></c>",
                });
            }

            sheet.Append("</row>");
        }

        return sheet.Append("</sheetData></worksheet>").ToString();
    }

    private static string Escape(string text) => SecurityElement.Escape(text);

    private static async Task AddAsync(ZipArchive zip, string name, string xml)
    {
        await using var writer = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
        await writer.WriteAsync("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>" + xml);
    }
}
