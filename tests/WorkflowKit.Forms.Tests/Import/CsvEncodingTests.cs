using System.Text;
using WorkflowKit.Definitions;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Forms.Tests.Support;
using WorkflowKit.Import;
using WorkflowKit.Records;

namespace WorkflowKit.Forms.Tests.Import;

/// <summary>CSV files from Chinese Excel and ERP exports arrive as GBK or UTF-8, with or without a BOM.</summary>
public sealed class CsvEncodingTests
{
    private const string Text = "客户编码,客户名称,金额\nC001,华东医药,\"1,200.50\"\n";

    private static CancellationToken None => CancellationToken.None;

    [Test]
    public async Task Gbk_file_reads_chinese_headers()
    {
        var bytes = CsvEncodingDetector.Gb18030.GetBytes(Text);
        Assert.That(() => new UTF8Encoding(false, true).GetString(bytes), Throws.InstanceOf<DecoderFallbackException>(),
            "the sample must not be valid UTF-8, or the test proves nothing");

        await using var source = await CsvImportSource.OpenAsync(new MemoryStream(bytes), None);
        var rows = await ReadAllAsync(source);

        Assert.That(source.Encoding.CodePage, Is.EqualTo(54936));
        Assert.That(source.Headers, Is.EqualTo(new[] { "客户编码", "客户名称", "金额" }));
        Assert.That(rows[0].Cells[1], Is.EqualTo("华东医药"));
    }

    [Test]
    public async Task Utf8_without_bom_stays_utf8()
    {
        await using var source = await CsvImportSource.OpenAsync(new MemoryStream(Encoding.UTF8.GetBytes(Text)), None);
        var rows = await ReadAllAsync(source);

        Assert.That(source.Encoding.CodePage, Is.EqualTo(Encoding.UTF8.CodePage));
        Assert.That(source.Headers[1], Is.EqualTo("客户名称"));
        Assert.That(rows[0].Cells[1], Is.EqualTo("华东医药"));
    }

    [Test]
    public async Task Utf8_bom_is_detected()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Text)).ToArray();

        await using var source = await CsvImportSource.OpenAsync(new MemoryStream(bytes), None);

        Assert.That(source.Encoding.CodePage, Is.EqualTo(Encoding.UTF8.CodePage));
        Assert.That(source.Headers[0], Is.EqualTo("客户编码"));
    }

    [Test]
    public async Task Gbk_byte_after_first_block_is_found()
    {
        var ascii = new StringBuilder("code,name\n");
        while (ascii.Length < 200_000)
        {
            ascii.Append("C1,plain\n");
        }

        var bytes = Encoding.ASCII.GetBytes(ascii.ToString())
            .Concat(CsvEncodingDetector.Gb18030.GetBytes("C2,华东\n")).ToArray();

        await using var source = await CsvImportSource.OpenAsync(new MemoryStream(bytes), None);
        var rows = await ReadAllAsync(source);

        Assert.That(source.Encoding.CodePage, Is.EqualTo(54936));
        Assert.That(rows[^1].Cells[1], Is.EqualTo("华东"));
    }

    [Test]
    public async Task Windows_1252_file_is_refused_naming_line()
    {
        // "René" in Windows-1252: é is 0xE9, which GBK reads as the first byte of a pair, and the comma after it is
        // no valid second byte, so the name would lose its letter for good.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var bytes = Encoding.GetEncoding(1252).GetBytes("code,name,contact\nC9201,Hôpital Zürich Süd,René\n");

        var refused = Assert.ThrowsAsync<InvalidDataException>(async () =>
        {
            await using var source = await CsvImportSource.OpenAsync(new MemoryStream(bytes), "cust.csv",
                System.Globalization.CultureInfo.InvariantCulture, None);
        });

        Assert.That(refused!.Message, Does.StartWith("cust.csv is neither UTF-8 nor GBK: line 2 has the byte 0x"));
        Assert.That(refused.Message, Does.Contain("Save the file as \"CSV UTF-8\""));
    }

    [Test]
    public async Task Invalid_byte_in_later_block_names_its_line()
    {
        var ascii = new StringBuilder("code,name\n");
        var lines = 1;
        while (ascii.Length < 200_000)
        {
            ascii.Append("C1,plain\n");
            lines++;
        }

        var bytes = Encoding.ASCII.GetBytes(ascii.ToString()).Concat(new byte[] { 0x43, 0x32, 0x2C, 0xFF, 0x0A }).ToArray();

        var refused = Assert.ThrowsAsync<InvalidDataException>(async () =>
        {
            await using var source = await CsvImportSource.OpenAsync(new MemoryStream(bytes), "big.csv",
                System.Globalization.CultureInfo.GetCultureInfo("zh-CN"), None);
        });

        Assert.That(refused!.Message, Does.StartWith($"big.csv 既不是 UTF-8 编码也不是 GBK 编码：第 {lines + 1} 行的字节 0xFF"));
    }

    [Test]
    public async Task Unseekable_gbk_stream_is_read()
    {
        var bytes = CsvEncodingDetector.Gb18030.GetBytes(Text);

        await using var source = await CsvImportSource.OpenAsync(new ForwardOnlyStream(bytes), None);
        var rows = await ReadAllAsync(source);

        Assert.That(source.Headers[1], Is.EqualTo("客户名称"));
        Assert.That(rows, Has.Count.EqualTo(1));
        Assert.That(rows[0].Cells[2], Is.EqualTo("1,200.50"));
    }

    [Test]
    public async Task Gbk_file_imports_by_chinese_labels()
    {
        var form = new FormDefinition
        {
            Key = "drug",
            Name = new LocalizedText("Drug"),
            Fields =
            [
                new FieldDefinition { Id = "code", Type = FieldTypes.Text, Label = new LocalizedText("货号"), Required = true },
                new FieldDefinition { Id = "name", Type = FieldTypes.Text, Label = new LocalizedText("名称") },
            ],
        };
        await using var world = await TestWorld.CreateAsync(form);
        world.AddAdmin("admin", "drug");
        await using var source = await CsvImportSource.OpenAsync(
            new MemoryStream(CsvEncodingDetector.Gb18030.GetBytes("货号,名称\r\nA1,阿莫西林胶囊\r\n")), None);

        var result = await world.Importer.ImportAsync(form, source, "admin", new ImportOptions(), None);

        Assert.That(result.RowsWritten, Is.EqualTo(1), string.Join("; ", result.Errors.Select(error => error.Message)));
        var stored = await world.Store.QueryAsync(new RecordQuery("drug"), null, None);
        Assert.That(stored.Items.Single().Data["name"]!.GetValue<string>(), Is.EqualTo("阿莫西林胶囊"));
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task Utf16_without_bom_is_detected(bool bigEndian)
    {
        var bytes = new UnicodeEncoding(bigEndian, byteOrderMark: false).GetBytes(Text);

        await using var source = await CsvImportSource.OpenAsync(new MemoryStream(bytes), None);
        var rows = await ReadAllAsync(source);

        Assert.That(source.Encoding.CodePage, Is.EqualTo(bigEndian ? 1201 : 1200));
        Assert.That(source.Headers, Is.EqualTo(new[] { "客户编码", "客户名称", "金额" }));
        Assert.That(rows[0].Cells[2], Is.EqualTo("1,200.50"));
    }

    [Test]
    public async Task Ascii_utf16_without_bom_reads_headers()
    {
        var bytes = Encoding.Unicode.GetBytes("code,name\nC9201,Hôpital\n");

        await using var source = await CsvImportSource.OpenAsync(new MemoryStream(bytes), None);
        var rows = await ReadAllAsync(source);

        Assert.That(source.Headers, Is.EqualTo(new[] { "code", "name" }));
        Assert.That(rows[0].Cells[1], Is.EqualTo("Hôpital"));
    }

    private static async Task<List<ImportSourceRow>> ReadAllAsync(IImportSource source)
    {
        var rows = new List<ImportSourceRow>();
        await foreach (var row in source.ReadRowsAsync(None))
        {
            rows.Add(row);
        }

        return rows;
    }

    /// <summary>A stream like an HTTP upload body: readable once, no seeking.</summary>
    private sealed class ForwardOnlyStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;

        public override long Position
        {
            get => base.Position;
            set => throw new NotSupportedException();
        }

        public override long Seek(long offset, SeekOrigin loc) => throw new NotSupportedException();
    }
}
