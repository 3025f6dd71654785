using System.IO.Compression;
using System.Text;

namespace WorkflowKit.Cli.Tests;

/// <summary>
/// <c>import FILE.zip</c>: a .zip of the example package imports as its folder does; a broken one writes nothing and
/// names the entry inside the archive.
/// </summary>
public sealed class PackageArchiveCommandTests
{
    private string _folder = string.Empty;

    private string Db => Path.Combine(_folder, "wk.db");

    [SetUp]
    public void CreateFolder() => _folder = TestPaths.NewTempFolder();

    [TearDown]
    public void DeleteFolder()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Test]
    public async Task Zip_imports_like_folder()
    {
        var zip = WriteZip("credit.zip", Entries("credit-review/"));

        var run = await CliRun.RunAsync("import", zip, "--db", Db, "--user", "admin");

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Error);
        Assert.That(run.Output, Does.Contain("published form customer version 1"));
        Assert.That(run.Output, Does.Contain("Imported package example-credit-review"));
    }

    [Test]
    public async Task Broken_zip_names_entry()
    {
        var entries = Entries("credit-review/");
        entries["credit-review/forms/customer.json"] = Encoding.UTF8.GetBytes(
            Encoding.UTF8.GetString(entries["credit-review/forms/customer.json"])
                .Replace("\"kind\": \"form\",", "\"kind\": \"form\",,", StringComparison.Ordinal));
        var zip = WriteZip("credit.zip", entries);

        var run = await CliRun.RunAsync("import", zip, "--db", Db, "--user", "admin");

        Assert.That(run.ExitCode, Is.EqualTo(1));
        Assert.That(run.Output, Does.Contain("credit.zip:credit-review/forms/customer.json:4:"));
        Assert.That(run.Output, Does.Not.Contain("workflowkit-package-"));
        Assert.That(run.Error, Does.Contain("nothing was written"));
    }

    [Test]
    public async Task Unsafe_zip_is_rejected()
    {
        var entries = Entries("");
        entries["../evil.json"] = "{}"u8.ToArray();
        var zip = WriteZip("evil.zip", entries);

        var run = await CliRun.RunAsync("import", zip, "--db", Db, "--user", "admin");

        Assert.That(run.ExitCode, Is.EqualTo(1));
        Assert.That(run.Error, Does.StartWith("error: \"evil.zip\" has the entry \"../evil.json\", whose path is absolute"));
        Assert.That(File.Exists(Path.Combine(_folder, "evil.json")), Is.False);
    }

    private static Dictionary<string, byte[]> Entries(string prefix) =>
        Directory.EnumerateFiles(TestPaths.ExamplePackage, "*", SearchOption.AllDirectories).ToDictionary(
            file => prefix + Path.GetRelativePath(TestPaths.ExamplePackage, file).Replace(Path.DirectorySeparatorChar, '/'),
            File.ReadAllBytes,
            StringComparer.Ordinal);

    private string WriteZip(string name, Dictionary<string, byte[]> entries)
    {
        var path = Path.Combine(_folder, name);
        using var archive = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var (entryName, content) in entries)
        {
            using var entry = archive.CreateEntry(entryName).Open();
            entry.Write(content);
        }

        return path;
    }
}
