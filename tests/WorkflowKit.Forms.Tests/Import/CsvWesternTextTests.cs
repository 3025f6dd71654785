using System.Globalization;
using System.Text;
using WorkflowKit.Forms.Tests.Support;
using WorkflowKit.Import;

namespace WorkflowKit.Forms.Tests.Import;

/// <summary>
/// Windows-1252 (Western European) files whose bytes happen to be valid GBK, such as <c>Hôpital Zürich Süd</c>, and
/// the GBK files that must not be mistaken for them.
/// </summary>
public sealed class CsvWesternTextTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly Encoding Windows1252 = CreateWindows1252();
    private static readonly Encoding Gbk = Encoding.GetEncoding(936);

    private static Encoding CreateWindows1252()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(1252);
    }

    private static async Task<CsvImportSource> OpenAsync(byte[] bytes, string name, CultureInfo culture) =>
        await CsvImportSource.OpenAsync(new MemoryStream(bytes), name, culture, None);

    [Test]
    public async Task Latin_file_valid_as_gbk_rejected()
    {
        var bytes = Windows1252.GetBytes("code,name,contact\nC9201,Hôpital Zürich Süd,Müller\n");
        Assert.That(await CsvEncodingDetector.FindInvalidGb18030Async(new MemoryStream(bytes), None), Is.Null,
            "the sample must be valid GBK, or the test proves nothing");
        var gbkReading = CsvEncodingDetector.Gb18030.GetString(Windows1252.GetBytes("Hôpital"));

        var rejected = Assert.ThrowsAsync<InvalidDataException>(
            async () => await OpenAsync(bytes, "cust-cp1252.csv", CultureInfo.InvariantCulture));

        Assert.That(rejected!.Message, Is.EqualTo(
            $"cust-cp1252.csv is neither UTF-8 nor GBK: line 2 reads as \"{gbkReading}\" in GBK but as \"Hôpital\" " +
            "in the Western Windows code page (Windows-1252); its bytes are valid GBK only by chance, as rare " +
            "characters that Chinese data does not use. Save the file as \"CSV UTF-8\" in Excel, or as UTF-8 in " +
            "another editor, and import it again."));
    }

    [Test]
    public async Task Latin_rejection_message_in_chinese()
    {
        var bytes = Windows1252.GetBytes("code,name\nC1,ok\nC9201,Zürich\n");
        var gbkReading = CsvEncodingDetector.Gb18030.GetString(Windows1252.GetBytes("Zürich"));

        var rejected = Assert.ThrowsAsync<InvalidDataException>(
            async () => await OpenAsync(bytes, "cust.csv", CultureInfo.GetCultureInfo("zh-CN")));

        Assert.That(rejected!.Message, Is.EqualTo(
            $"cust.csv 既不是 UTF-8 编码也不是 GBK 编码：第 3 行按 GBK 读作“{gbkReading}”，按西文 Windows 编码" +
            "（Windows-1252）读作“Zürich”；这些字节只是碰巧符合 GBK，读出的是中文数据中不用的生僻字。请在 Excel 中另存为" +
            "“CSV UTF-8（逗号分隔）”，或用其他编辑器保存为 UTF-8，然后重新导入。"));
    }

    [Test]
    public async Task Same_text_in_utf8_imports()
    {
        var bytes = Encoding.UTF8.GetBytes("code,name\nC9201,Hôpital Zürich Süd\n");

        await using var source = await OpenAsync(bytes, "cust.csv", CultureInfo.InvariantCulture);

        Assert.That(source.Encoding.CodePage, Is.EqualTo(Encoding.UTF8.CodePage));
    }

    [TestCase("客户编码,客户名称,联系人\nC0001,无锡市第一人民医院,王喆\nC0002,Li Wei 诊所,朱镕基\n")]
    [TestCase("code,name\nC0001,bioMérieux 中国\n")]
    [TestCase("code,name,note\nC0001,Sysmex 希森美康,A型鬒发\n")]
    public async Task Gbk_file_with_rare_characters_is_read(string text)
    {
        var bytes = Gbk.GetBytes(text);

        await using var source = await OpenAsync(bytes, "gbk.csv", CultureInfo.InvariantCulture);

        Assert.That(source.Encoding.CodePage, Is.EqualTo(54936));
    }

    /// <summary>
    /// Saves every sample CSV file in GBK, as Excel on Chinese Windows saves a CSV, and checks that none is rejected.
    /// </summary>
    [Test]
    public async Task Sample_files_in_gbk_accepted()
    {
        var files = Directory.GetFiles(SamplesFolder(), "*.csv");
        Assert.That(files, Is.Not.Empty);
        var checkedFiles = 0;
        foreach (var file in files)
        {
            var text = (await File.ReadAllTextAsync(file, None)).TrimStart('\uFEFF');
            var bytes = Gbk.GetBytes(text);
            if (Gbk.GetString(bytes) != text || bytes.All(value => value < 0x80))
            {
                continue;
            }

            await using var source = await OpenAsync(bytes, Path.GetFileName(file), CultureInfo.InvariantCulture);
            Assert.That(source.Encoding.CodePage, Is.EqualTo(54936), file);
            checkedFiles++;
        }

        Assert.That(checkedFiles, Is.GreaterThanOrEqualTo(5), "sample files with Chinese text that GBK can encode");
    }

    /// <summary>
    /// Saves the Northwind files, whose names are French, German, Spanish and Portuguese, in Windows-1252 and checks
    /// that each one with an accented letter is rejected, either as invalid GBK or as Latin words.
    /// </summary>
    [Test]
    public async Task Northwind_in_windows_1252_rejected()
    {
        var folder = SharedData.Require("business/northwind");
        var accented = 0;
        foreach (var file in Directory.GetFiles(folder, "*.csv"))
        {
            var text = await File.ReadAllTextAsync(file, None);
            var bytes = Windows1252.GetBytes(text);
            if (bytes.All(value => value < 0x80))
            {
                continue;
            }

            accented++;
            Assert.ThrowsAsync<InvalidDataException>(
                async () => await OpenAsync(bytes, Path.GetFileName(file), CultureInfo.InvariantCulture), file);
        }

        Assert.That(accented, Is.GreaterThanOrEqualTo(3));
    }

    private static string SamplesFolder()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null;
             directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "WorkflowKit.sln")))
            {
                return Path.Combine(directory.FullName, "samples", "data");
            }
        }

        throw new DirectoryNotFoundException("WorkflowKit.sln not found above " + AppContext.BaseDirectory);
    }
}
