using System.Globalization;
using System.Runtime.CompilerServices;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Forms.Tests.Support;
using WorkflowKit.Import;
using WorkflowKit.Records;
using WorkflowKit.Storage;

namespace WorkflowKit.Forms.Tests.Import;

/// <summary>A generated 100,000-row file imports while the importer keeps no unwritten row in memory.</summary>
public sealed class StreamingImportTests
{
    private const int Rows = 100_000;

    private string _path = string.Empty;

    [SetUp]
    public void GenerateFile()
    {
        _path = Path.Combine(Path.GetTempPath(), $"wk-import-{Guid.NewGuid():N}.csv");
        using var writer = new StreamWriter(_path);
        writer.WriteLine("code,name,amount,date");
        for (var i = 1; i <= Rows; i++)
        {
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"C{i},客户{i},\"{i % 9000 + 1000}.{i % 100:00}\",2024/{i % 12 + 1}/{i % 28 + 1}"));
        }
    }

    [TearDown]
    public void DeleteFile() => File.Delete(_path);

    [Test]
    public async Task Hundred_thousand_rows_stream_through()
    {
        var form = new FormDefinition
        {
            Key = "bulk",
            Fields =
            [
                TestForms.Field("code", FieldTypes.Text, "编号", "Code"),
                TestForms.Field("name", FieldTypes.Text, "名称", "Name"),
                TestForms.Field("amount", FieldTypes.Money, "金额", "Amount"),
                TestForms.Field("date", FieldTypes.Date, "日期", "Date"),
            ],
        };
        await using var world = await TestWorld.CreateAsync(form);
        world.AddAdmin("admin", "bulk");
        await using var csv = await CsvImportSource.OpenAsync(File.OpenRead(_path), CancellationToken.None);
        var source = new CountingSource(csv);
        var starter = new ReadAheadProbe(source);

        var result = await world.Importer.ImportAsync(
            form, source, "admin", new ImportOptions { RowStarter = starter, BatchSize = 1000 },
                CancellationToken.None);

        Assert.That(result.Errors, Is.Empty);
        Assert.That(result.RowsWritten, Is.EqualTo(Rows));
        Assert.That(source.RowsYielded, Is.EqualTo(Rows));
        Assert.That(starter.RowsWritten, Is.EqualTo(Rows));
        Assert.That(starter.MaxRowsAhead, Is.LessThanOrEqualTo(0),
            "rows read but not yet written when a row is written");
        var stored = await world.Store.QueryAsync(new RecordQuery("bulk") { Limit = 1 }, null, CancellationToken.None);
        Assert.That(stored.Total, Is.EqualTo(Rows));
    }

    /// <summary>Counts the rows the importer has pulled from the file so far.</summary>
    private sealed class CountingSource(IImportSource inner) : IImportSource
    {
        public long RowsYielded { get; private set; }

        public string Name => inner.Name;

        public IReadOnlyList<string> Headers => inner.Headers;

        public bool HasEscapedText => inner.HasEscapedText;

        public async IAsyncEnumerable<ImportSourceRow> ReadRowsAsync(
            [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await foreach (var row in inner.ReadRowsAsync(cancellationToken))
            {
                RowsYielded++;
                yield return row;
            }
        }

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }

    /// <summary>At each written row, records how many rows the importer had read beyond the rows written.</summary>
    private sealed class ReadAheadProbe(CountingSource source) : IImportRowStarter
    {
        public long RowsWritten { get; private set; }

        public long MaxRowsAhead { get; private set; } = long.MinValue;

        public Task StartAsync(ImportedRow row, IStorageTransaction transaction, CancellationToken cancellationToken)
        {
            RowsWritten++;
            MaxRowsAhead = Math.Max(MaxRowsAhead, source.RowsYielded - RowsWritten);
            return Task.CompletedTask;
        }
    }
}
