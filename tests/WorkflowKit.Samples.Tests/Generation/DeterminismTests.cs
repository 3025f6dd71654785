namespace WorkflowKit.Samples.Tests.Generation;

public sealed class DeterminismTests
{
    private readonly List<string> _folders = [];

    [TearDown]
    public void DeleteFolders()
    {
        foreach (var folder in _folders.Where(Directory.Exists))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public void Generate_SameSeedTwice_ByteIdentical()
    {
        var first = Generate(SampleDataGenerator.DefaultSeed, SampleDataGenerator.SnapshotDate);
        var second = Generate(SampleDataGenerator.DefaultSeed, SampleDataGenerator.SnapshotDate);

        AssertSameFiles(first, second);
    }

    [Test]
    public void Generate_OtherSeed_OtherOrders()
    {
        var first = Generate(SampleDataGenerator.DefaultSeed, SampleDataGenerator.SnapshotDate);
        var second = Generate(SampleDataGenerator.DefaultSeed + 1, SampleDataGenerator.SnapshotDate);

        Assert.That(File.ReadAllBytes(Path.Combine(second, SampleFiles.Orders)),
            Is.Not.EqualTo(File.ReadAllBytes(Path.Combine(first, SampleFiles.Orders))));
    }

    [Test]
    public void Generate_ListsEveryWrittenFile()
    {
        var folder = TestPaths.NewTempFolder();
        _folders.Add(folder);

        var summary = SampleDataGenerator.Generate(7, new DateOnly(2025, 3, 15), folder);

        Assert.That(RelativeFiles(folder), Is.EquivalentTo(summary.Files));
        Assert.That(summary.Customers, Is.EqualTo(60));
        Assert.That(summary.Products, Is.EqualTo(40));
    }

    [Test]
    public void Generate_BeforeYear2000_Rejected()
    {
        var folder = TestPaths.NewTempFolder();
        _folders.Add(folder);

        Assert.That(() => SampleDataGenerator.Generate(1, new DateOnly(1999, 12, 31), folder),
            Throws.TypeOf<ArgumentOutOfRangeException>().With.Message.Contains("2000-01-01"));
    }

    [Test]
    public void CommittedSnapshot_MatchesGenerator()
    {
        var generated = Generate(SampleDataGenerator.DefaultSeed, SampleDataGenerator.SnapshotDate);

        Assert.That(Directory.Exists(TestPaths.CommittedSampleData), Is.True,
            $"Expected the committed snapshot in {TestPaths.CommittedSampleData}.");
        AssertSameFiles(generated, TestPaths.CommittedSampleData);
    }

    private string Generate(int seed, DateOnly today)
    {
        var folder = TestPaths.NewTempFolder();
        _folders.Add(folder);
        SampleDataGenerator.Generate(seed, today, folder);
        return folder;
    }

    private static void AssertSameFiles(string expectedFolder, string actualFolder)
    {
        var files = RelativeFiles(expectedFolder);

        Assert.That(RelativeFiles(actualFolder), Is.EquivalentTo(files));
        foreach (var file in files)
        {
            Assert.That(File.ReadAllBytes(Path.Combine(actualFolder, file)),
                Is.EqualTo(File.ReadAllBytes(Path.Combine(expectedFolder, file))), file);
        }
    }

    private static List<string> RelativeFiles(string folder) =>
    [
        .. Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(folder, file).Replace('\\', '/'))
            .Order(StringComparer.Ordinal),
    ];
}
