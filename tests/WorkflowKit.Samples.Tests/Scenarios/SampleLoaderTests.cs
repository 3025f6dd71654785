using WorkflowKit.Samples.Scenarios;

namespace WorkflowKit.Samples.Tests.Scenarios;

/// <summary>A sample data folder whose index is not valid JSON stops the load with the problem in plain words.</summary>
public sealed class SampleLoaderTests
{
    [Test]
    public async Task Malformed_index_is_described()
    {
        var folder = TestPaths.NewTempFolder();
        var data = Directory.CreateDirectory(Path.Combine(folder, "data")).FullName;
        File.Copy(Path.Combine(TestPaths.CommittedSampleData, SampleFiles.Users), Path.Combine(data, SampleFiles.Users));
        var index = Path.Combine(data, SampleFiles.Index);
        await File.WriteAllTextAsync(index,
            "{\n  \"today\": \"2025-06-30\",\n  \"imports\": [\n    {\"form\": \"customer\", \"file\": \"customers.csv\"}\n" +
            "    {\"form\": \"product\", \"file\": \"products.csv\"}\n  ]\n}");
        var options = new SampleLoadOptions(Path.Combine(TestPaths.RepositoryRoot, "definitions", "templates"), data);

        try
        {
            await using var environment = await SampleEnvironment.OpenAsync(
                Path.Combine(folder, "samples.db"), TimeProvider.System, CancellationToken.None);
            var error = Assert.ThrowsAsync<SampleLoadException>(
                () => SampleLoader.LoadAsync(environment, options, CancellationToken.None));

            Assert.That(error!.Message, Is.EqualTo(
                $"Sample data index \"{index}\" is not valid JSON at line 5, column 5 (JSON path $.imports): a comma " +
                "is missing before '{'. Add a comma between the two values or properties."));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }
}
