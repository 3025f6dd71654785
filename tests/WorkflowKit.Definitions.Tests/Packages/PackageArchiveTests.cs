using System.IO.Compression;
using System.Text;
using WorkflowKit.Definitions.Packages;
using WorkflowKit.Definitions.Validation;

namespace WorkflowKit.Definitions.Tests.Packages;

/// <summary>
/// <see cref="PackageArchive"/> on archives built from the example package: the two accepted layouts, and the archives
/// it rejects before anything is read as a definition, each leaving nothing in the work folder.
/// </summary>
public sealed class PackageArchiveTests
{
    private string _work = string.Empty;

    [SetUp]
    public void CreateWorkFolder()
    {
        _work = Path.Combine(Path.GetTempPath(), "wk-archive-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_work);
    }

    [TearDown]
    public void DeleteWorkFolder() => Directory.Delete(_work, recursive: true);

    [TestCase("")]
    [TestCase("credit-review/")]
    public async Task Layout_extracts_and_validates(string prefix)
    {
        using var zip = Zip(ExampleEntries(prefix));

        using (var package = await PackageArchive.ExtractAsync(zip, "credit-review.zip", _work, default))
        {
            var report = await DefinitionValidator.ValidatePackageAsync(package.Folder, default);

            Assert.That(package.EntryPrefix, Is.EqualTo(prefix));
            Assert.That(report.HasErrors, Is.False, string.Join(Environment.NewLine, report.Diagnostics));
            Assert.That(report.Package?.Key, Is.EqualTo("example-credit-review"));
            Assert.That(package.EntryOf(Path.Combine(package.Folder, "forms", "customer.json")),
                Is.EqualTo(prefix + "forms/customer.json"));
        }

        Assert.That(Directory.EnumerateFileSystemEntries(_work), Is.Empty);
    }

    [Test]
    public async Task Finder_metadata_is_ignored()
    {
        var entries = ExampleEntries("credit-review/");
        entries["__MACOSX/credit-review/._package.json"] = [0, 1, 2];
        using var zip = Zip(entries);

        using var package = await PackageArchive.ExtractAsync(zip, "mac.zip", _work, default);

        Assert.That(package.EntryPrefix, Is.EqualTo("credit-review/"));
    }

    [TestCase("../evil.json")]
    [TestCase("forms/../../evil.json")]
    [TestCase("/etc/evil.json")]
    [TestCase("C:/evil.json")]
    [TestCase("..\\evil.json")]
    public void Unsafe_entry_is_rejected(string name)
    {
        var entries = ExampleEntries("");
        entries[name] = "{}"u8.ToArray();

        var rejected = Reject(entries);

        Assert.That(rejected.Problem, Is.EqualTo(PackageArchiveProblem.UnsafePath));
        Assert.That(rejected.Entry, Is.EqualTo(name));
        Assert.That(rejected.Message, Does.StartWith($"\"bad.zip\" has the entry \"{name}\", whose path is absolute"));
        Assert.That(File.Exists(Path.Combine(Path.GetDirectoryName(_work)!, "evil.json")), Is.False);
    }

    [Test]
    public void File_and_folder_clash()
    {
        var entries = ExampleEntries("");
        entries["forms"] = "{}"u8.ToArray();

        var rejected = Reject(entries);

        Assert.That(rejected.Problem, Is.EqualTo(PackageArchiveProblem.DuplicateEntry));
        Assert.That(rejected.Entry, Is.EqualTo("forms"));
    }

    [Test]
    public void Too_many_entries_are_rejected()
    {
        var entries = ExampleEntries("");
        for (var i = 0; i < PackageArchive.MaxEntries; i++)
        {
            entries[$"data/extra-{i}.txt"] = [];
        }

        var rejected = Reject(entries);

        Assert.That(rejected.Problem, Is.EqualTo(PackageArchiveProblem.TooManyEntries));
        Assert.That(rejected.Message, Does.Contain("more than the 1000 a package archive may have"));
    }

    [Test]
    public void Zip_bomb_is_rejected()
    {
        // Zeros compress about a thousandfold, so this archive is about 100 KiB and expands past the limit.
        var entries = ExampleEntries("");
        entries["data/bomb.csv"] = new byte[PackageArchive.MaxUncompressedBytes + 1];

        var rejected = Reject(entries);

        Assert.That(rejected.Problem, Is.EqualTo(PackageArchiveProblem.TooLarge));
        Assert.That(rejected.Entry, Is.EqualTo("data/bomb.csv"));
        Assert.That(rejected.Message, Does.Contain("more than 100 MiB uncompressed"));
    }

    [Test]
    public void Several_top_folders_lack_manifest()
    {
        var entries = ExampleEntries("a/");
        entries["b/readme.txt"] = "hello"u8.ToArray();

        var rejected = Reject(entries);

        Assert.That(rejected.Problem, Is.EqualTo(PackageArchiveProblem.NoManifest));
        Assert.That(rejected.Message, Is.EqualTo(
            "\"bad.zip\" has no package.json at its root or in a single top folder. Zip the package folder (the one " +
            "that holds package.json), or the files inside it."));
    }

    [Test]
    public void Not_a_zip_is_rejected()
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes("{\"kind\": \"package\"}"));

        var rejected = Assert.ThrowsAsync<PackageArchiveException>(
            () => PackageArchive.ExtractAsync(stream, "package.json", _work, default));

        Assert.That(rejected!.Problem, Is.EqualTo(PackageArchiveProblem.NotZip));
        Assert.That(rejected.Message, Does.StartWith("\"package.json\" is not a readable .zip archive"));
    }

    private PackageArchiveException Reject(Dictionary<string, byte[]> entries)
    {
        using var zip = Zip(entries);
        var rejected = Assert.ThrowsAsync<PackageArchiveException>(
            () => PackageArchive.ExtractAsync(zip, "bad.zip", _work, default));
        Assert.That(Directory.EnumerateFileSystemEntries(_work), Is.Empty, "the work folder after the rejection");
        return rejected!;
    }

    private static Dictionary<string, byte[]> ExampleEntries(string prefix) =>
        Directory.EnumerateFiles(TestPaths.ExamplePackage, "*", SearchOption.AllDirectories).ToDictionary(
            file => prefix + Path.GetRelativePath(TestPaths.ExamplePackage, file).Replace(Path.DirectorySeparatorChar, '/'),
            File.ReadAllBytes,
            StringComparer.Ordinal);

    private static MemoryStream Zip(Dictionary<string, byte[]> entries)
    {
        var stream = new MemoryStream();
        using (var archive = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var entry = archive.CreateEntry(name, CompressionLevel.Fastest).Open();
                entry.Write(content);
            }
        }

        stream.Position = 0;
        return stream;
    }
}
