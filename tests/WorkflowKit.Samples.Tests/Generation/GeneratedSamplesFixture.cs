using System.Text.Json;
using MiniExcelLibs;

namespace WorkflowKit.Samples.Tests.Generation;

/// <summary>
/// Generates the sample data once per test class, for the committed snapshot's seed and date, into
/// a temp folder, and reads the files back with CSV and Excel readers of the test's own.
/// </summary>
public abstract class GeneratedSamplesFixture
{
    protected static DateOnly Today => SampleDataGenerator.SnapshotDate;

    protected string Folder { get; private set; } = string.Empty;

    protected CsvFile Customers { get; private set; } = null!;

    protected CsvFile Products { get; private set; } = null!;

    protected CsvFile Batches { get; private set; } = null!;

    protected CsvFile Orders { get; private set; } = null!;

    protected CsvFile Erp { get; private set; } = null!;

    protected CsvFile SalesHistory { get; private set; } = null!;

    protected IReadOnlyList<IDictionary<string, object?>> Ledger { get; private set; } = [];

    protected JsonDocument Users { get; private set; } = null!;

    [OneTimeSetUp]
    public void GenerateSamples()
    {
        Folder = TestPaths.NewTempFolder();
        SampleDataGenerator.Generate(SampleDataGenerator.DefaultSeed, Today, Folder);
        Customers = CsvFile.Read(PathOf(SampleFiles.Customers));
        Products = CsvFile.Read(PathOf(SampleFiles.Products));
        Batches = CsvFile.Read(PathOf(SampleFiles.StockBatches));
        Orders = CsvFile.Read(PathOf(SampleFiles.Orders));
        Erp = CsvFile.Read(PathOf(SampleFiles.ErpReceivables));
        SalesHistory = CsvFile.Read(PathOf(SampleFiles.SalesHistory));
        Ledger = [.. MiniExcel.Query(PathOf(SampleFiles.OverdueLedger), useHeaderRow: true)
            .Cast<IDictionary<string, object?>>()];
        Users = JsonDocument.Parse(File.ReadAllText(PathOf(SampleFiles.Users)));
    }

    [OneTimeTearDown]
    public void DeleteSamples()
    {
        Users?.Dispose();
        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }
    }

    protected string PathOf(string file) => Path.Combine(Folder, file);

    protected Dictionary<string, IReadOnlyDictionary<string, string>> CustomersByCode() =>
        Customers.Rows.ToDictionary(row => row["code"], StringComparer.Ordinal);

    protected List<(string Id, string Region, List<string> Roles)> UserList() =>
        [.. Users.RootElement.GetProperty("users").EnumerateArray().Select(user => (
            user.GetProperty("id").GetString()!,
            user.TryGetProperty("region", out var region) ? region.GetString() ?? string.Empty : string.Empty,
            user.GetProperty("roles").EnumerateArray().Select(role => role.GetString()!).ToList()))];
}
