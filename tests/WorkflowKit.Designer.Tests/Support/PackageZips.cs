using System.IO.Compression;

namespace WorkflowKit.Designer.Tests.Support;

/// <summary>Builds template package archives for upload tests from the repository's example package.</summary>
public static class PackageZips
{
    /// <summary>The repository's example package, key "example-credit-review", with a form "customer".</summary>
    public static string ExamplePackage { get; } = Path.Combine(
        Path.GetDirectoryName(DesignerAppFactory.RepositoryTemplates())!, "..", "docs", "examples", "credit-review");

    /// <summary>The files of the example package by entry name, each under <paramref name="prefix"/>.</summary>
    public static Dictionary<string, byte[]> ExampleEntries(string prefix = "") =>
        Directory.EnumerateFiles(ExamplePackage, "*", SearchOption.AllDirectories).ToDictionary(
            file => prefix + Path.GetRelativePath(ExamplePackage, file).Replace(Path.DirectorySeparatorChar, '/'),
            File.ReadAllBytes,
            StringComparer.Ordinal);

    /// <summary>Zips the entries as an ordinary zip tool would, with the names exactly as given.</summary>
    public static byte[] Zip(IReadOnlyDictionary<string, byte[]> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        using var stream = new MemoryStream();
        using (var archive = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var entry = archive.CreateEntry(name, CompressionLevel.Fastest).Open();
                entry.Write(content);
            }
        }

        return stream.ToArray();
    }
}
