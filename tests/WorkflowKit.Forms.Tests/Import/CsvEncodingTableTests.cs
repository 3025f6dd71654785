using System.Text;
using WorkflowKit.Import;

namespace WorkflowKit.Forms.Tests.Import;

/// <summary>
/// Byte inputs that are valid UTF-8, some of them GBK text in disguise. Each case gives the file's bytes in hex, the
/// code page the detector must choose and the text the chosen encoding must yield.
/// </summary>
public sealed class CsvEncodingTableTests
{
    private const int Utf8 = 65001;
    private const int Gb18030 = 54936;

    [TestCase("D2BDD4BA", Gb18030, "医院", TestName = "Gbk 医院 that reads as Cyrillic and Armenian")]
    [TestCase("D2BDD2A9", Gb18030, "医药", TestName = "Gbk 医药 that reads as Cyrillic")]
    [TestCase("6E616D650A43313030312CD2BDD4BA0A", Gb18030, "name\nC1001,医院\n", TestName = "Gbk csv row with 医院")]
    [TestCase("D2A9C6B7", Gb18030, "药品", TestName = "Gbk 药品 that reads as Cyrillic and Latin")]
    [TestCase("E58CBBE999A2", Utf8, "医院", TestName = "Utf8 Chinese")]
    [TestCase("436166C3A9204DC3BC6C6C6572", Utf8, "Café Müller", TestName = "Utf8 accented Latin")]
    [TestCase("F09F918D206F6B", Utf8, "👍 ok", TestName = "Utf8 emoji")]
    [TestCase("D09CD0BED181D0BAD0B2D0B0", Utf8, "Москва", TestName = "Utf8 Cyrillic word")]
    [TestCase("D79BD794D79F", Utf8, "כהן", TestName = "Utf8 Hebrew word")]
    [TestCase("D985D8ADD985D8AF", Utf8, "محمد", TestName = "Utf8 Arabic word")]
    [TestCase("CEB1E5B9B2E689B0E7B4A0", Utf8, "α干扰素", TestName = "Utf8 Greek with Chinese")]
    [TestCase("35CEBC67", Utf8, "5μg", TestName = "Utf8 Greek unit")]
    [TestCase("C3A9", Utf8, "é", TestName = "Gbk 茅 reads as UTF-8 é")]
    [TestCase("6E616D650A", Utf8, "name\n", TestName = "Ascii only")]
    public async Task Detector_picks_encoding(string hex, int codePage, string text)
    {
        var bytes = Convert.FromHexString(hex);
        Assert.That(() => new UTF8Encoding(false, true).GetString(bytes), Throws.Nothing,
            "every input must be valid UTF-8, or the case does not test the script check");

        var (stream, encoding) = await CsvEncodingDetector.DetectAsync(new MemoryStream(bytes), CancellationToken.None);
        await using var _ = stream;

        Assert.That(encoding.CodePage, Is.EqualTo(codePage));
        Assert.That(encoding.GetString(bytes), Is.EqualTo(text));
        Assert.That(stream.Position, Is.Zero);
    }

    [Test]
    public async Task Short_gbk_file_imports_chinese_name()
    {
        var bytes = CsvEncodingDetector.Gb18030.GetBytes("code,name\r\nC1,医院\r\n");

        await using var source = await CsvImportSource.OpenAsync(new MemoryStream(bytes), CancellationToken.None);
        var rows = new List<ImportSourceRow>();
        await foreach (var row in source.ReadRowsAsync(CancellationToken.None))
        {
            rows.Add(row);
        }

        Assert.That(source.Encoding.CodePage, Is.EqualTo(Gb18030));
        Assert.That(rows.Single().Cells[1], Is.EqualTo("医院"));
    }
}
