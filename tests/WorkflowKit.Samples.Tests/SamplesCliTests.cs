using Microsoft.Extensions.Time.Testing;
using WorkflowKit.Definitions.Json;

namespace WorkflowKit.Samples.Tests;

public sealed class SamplesCliTests
{
    private string _folder = string.Empty;

    [SetUp]
    public void CreateFolder() => _folder = TestPaths.NewTempFolder();

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    [Test]
    public async Task Generate_WithoutDate_UsesShanghaiToday()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 5, 31, 17, 30, 0, TimeSpan.Zero));
        using var output = new StringWriter();
        using var error = new StringWriter();
        var cli = new SamplesCli(output, error, time);

        var exit = await cli.GenerateAsync(_folder, 11, null, null, CancellationToken.None);

        var index = DefinitionJson.Deserialize<SampleDataIndex>(
            await File.ReadAllTextAsync(Path.Combine(_folder, SampleFiles.Index)));
        Assert.That(exit, Is.EqualTo(SamplesCli.Success), error.ToString());
        Assert.That(index.Today, Is.EqualTo(new DateOnly(2026, 6, 1)));
        Assert.That(index.Seed, Is.EqualTo(11));
        Assert.That(output.ToString(), Does.Contain("for 2026-06-01 (seed 11)").And.Contain("60 customers"));
    }

    [Test]
    public async Task Generate_UnknownTimeZone_UsageError()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await new SamplesCli(output, error, new FakeTimeProvider())
            .GenerateAsync(_folder, null, null, "Mars/Olympus", CancellationToken.None);

        Assert.That(exit, Is.EqualTo(SamplesCli.Usage));
        Assert.That(error.ToString(), Does.Contain("\"Mars/Olympus\" is not known"));
        Assert.That(Directory.EnumerateFiles(_folder), Is.Empty);
    }

    [Test]
    public async Task Generate_FolderIsAFile_Fails()
    {
        var file = Path.Combine(_folder, "taken");
        await File.WriteAllTextAsync(file, "not a folder");
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await new SamplesCli(output, error, new FakeTimeProvider())
            .GenerateAsync(file, null, new DateOnly(2026, 1, 5), null, CancellationToken.None);

        Assert.That(exit, Is.EqualTo(SamplesCli.Failed));
        Assert.That(error.ToString(), Does.Contain("cannot write the sample data to"));
    }
}
