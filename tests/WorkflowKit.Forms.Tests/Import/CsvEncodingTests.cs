using System.Text;
using WorkflowKit.Definitions;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Forms.Tests.Support;
using WorkflowKit.Import;
using WorkflowKit.Records;

namespace WorkflowKit.Forms.Tests.Import;

/// <summary>CSV files saved as GBK (Excel on Chinese Windows) are detected and read as GB18030; UTF-8 stays UTF-8.</summary>
public sealed class CsvEncodingTests
{
    private const int Gb18030CodePage = 54936;

    private static readonly Encoding Gbk = CsvEncoding.Chinese;

    private static async Task<(CsvImportSource Source, List<ImportSourceRow> Rows)> ReadAsync(byte[] bytes)
    {
        var source = await CsvImportSource.OpenAsync(new MemoryStream(bytes), CancellationToken.None);
        var rows = new List<ImportSourceRow>();
        await foreach (var row in source.ReadRowsAsync(CancellationToken.None))
        {
            rows.Add(row);
        }

        return (source, rows);
    }

    [Test]
    public async Task GbkFile_ReadsChinese()
    {
        var bytes = Gbk.GetBytes("货号,名称\nA1,阿莫西林胶囊\nA2,头孢克肟\n");

        var (source, rows) = await ReadAsync(bytes);
        await using var _ = source;

        Assert.That(source.Encoding.CodePage, Is.EqualTo(Gb18030CodePage));
        Assert.That(source.Headers, Is.EqualTo(new[] { "货号", "名称" }));
        Assert.That(rows.Select(row => row.Cells[1]), Is.EqualTo(new[] { "阿莫西林胶囊", "头孢克肟" }));
    }

    [Test]
    public async Task Utf8File_CharacterAcrossSample_StaysUtf8()
    {
        byte[] bytes;
        var rowCount = 0;
        var padding = 0;
        do
        {
            // Pad the header until the sample ends inside a three-byte character.
            var text = new StringBuilder("code").Append('_', padding++).Append(",name\n");
            rowCount = 0;
            while (Encoding.UTF8.GetByteCount(text.ToString()) < CsvEncoding.SampleSize + 1000)
            {
                text.Append('C').Append(++rowCount).Append(",上海第一人民医院\n");
            }

            bytes = Encoding.UTF8.GetBytes(text.ToString());
        }
        while ((bytes[CsvEncoding.SampleSize] & 0xC0) != 0x80);

        var (source, rows) = await ReadAsync(bytes);
        await using var _ = source;

        Assert.That(source.Encoding.CodePage, Is.EqualTo(Encoding.UTF8.CodePage));
        Assert.That(rows, Has.Count.EqualTo(rowCount));
        Assert.That(rows.Select(item => item.Cells[1]).Distinct(), Is.EqualTo(new[] { "上海第一人民医院" }));
    }

    [Test]
    public async Task Utf8WithMark_DropsMark()
    {
        var bytes = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true).GetPreamble()
            .Concat(Encoding.UTF8.GetBytes("货号,名称\nA1,阿莫西林\n")).ToArray();

        var (source, rows) = await ReadAsync(bytes);
        await using var _ = source;

        Assert.That(source.Headers, Is.EqualTo(new[] { "货号", "名称" }));
        Assert.That(rows.Single().Cells[1], Is.EqualTo("阿莫西林"));
    }

    [Test]
    public async Task GbkFile_ImportsByChineseLabels()
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
            new MemoryStream(Gbk.GetBytes("货号,名称\r\nA1,阿莫西林胶囊\r\n")), CancellationToken.None);

        var result = await world.Importer.ImportAsync(form, source, "admin", new ImportOptions(), CancellationToken.None);

        Assert.That(result.RowsWritten, Is.EqualTo(1), string.Join("; ", result.Errors.Select(error => error.Message)));
        var stored = await world.Store.QueryAsync(new RecordQuery("drug"), null, CancellationToken.None);
        Assert.That(stored.Items.Single().Data["name"]!.GetValue<string>(), Is.EqualTo("阿莫西林胶囊"));
    }
}
