using Microsoft.Extensions.DependencyInjection;
using WorkflowKit.Designer.Admin;
using WorkflowKit.Designer.Tests.Support;

namespace WorkflowKit.Designer.Tests.Admin;

/// <summary>
/// <see cref="PackageFolders"/> as the app configures it from <c>WorkflowKit:PackageFolders</c>: a package folder
/// under a configured root or the templates folder is found, and every other path gets the same null.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class PackageFoldersTests
{
    [Test]
    public async Task Configured_root_and_templates_allowed()
    {
        using var root = new TempFolder();
        var package = root.AddPackage("lab");
        await using var factory = Start(root.Path);
        var folders = factory.Services.GetRequiredService<PackageFolders>();
        var builtIn = Path.Combine(folders.TemplatesRoot, "starter");
        Directory.CreateDirectory(builtIn);
        await File.WriteAllTextAsync(Path.Combine(builtIn, "package.json"), "{}");

        Assert.That(folders.Find(package), Is.EqualTo(package));
        Assert.That(folders.Find(package + "/"), Is.EqualTo(package));
        Assert.That(folders.Find(builtIn), Is.EqualTo(builtIn));
        Assert.That(folders.ListBuiltIn(), Is.EqualTo(new[] { builtIn }));
    }

    [Test]
    public async Task Other_paths_all_get_null()
    {
        using var root = new TempFolder();
        var package = root.AddPackage("lab");
        var empty = Path.Combine(root.Path, "empty");
        Directory.CreateDirectory(empty);
        using var outside = new TempFolder();
        var elsewhere = outside.AddPackage("elsewhere");
        var link = Path.Combine(root.Path, "link");
        Directory.CreateSymbolicLink(link, elsewhere);
        await using var factory = Start(root.Path);
        var folders = factory.Services.GetRequiredService<PackageFolders>();

        string?[] paths =
        [
            "/etc", "/etc/", "/no-such-folder-" + Guid.NewGuid().ToString("N"), Path.Combine(package, "package.json"),
            empty, elsewhere, link, Path.Combine(root.Path, "..", Path.GetFileName(outside.Path), "elsewhere"),
            "lab", "", null,
        ];

        Assert.That(paths.Select(folders.Find), Is.All.Null);
    }

    private static DesignerAppFactory Start(string root) =>
        new(settings: new Dictionary<string, string> { ["WorkflowKit:PackageFolders:0"] = root });

    private sealed class TempFolder : IDisposable
    {
        public string Path { get; } = System.IO.Path.Combine(
            System.IO.Path.GetTempPath(), "wk-folders-" + Guid.NewGuid().ToString("N"));

        public TempFolder() => Directory.CreateDirectory(Path);

        public string AddPackage(string name)
        {
            var folder = System.IO.Path.Combine(Path, name);
            Directory.CreateDirectory(folder);
            File.WriteAllText(System.IO.Path.Combine(folder, "package.json"), "{}");
            return folder;
        }

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
