namespace WorkflowKit.Cli.Commands;

/// <summary>Decides whether <c>export --out PATH</c> names a package folder or a single definition file.</summary>
internal static class ExportTarget
{
    /// <summary>
    /// Returns true for an existing folder, a path that ends in a directory separator, and a path whose last part
    /// has no extension (<c>out/credit-review</c>); false for a file path such as <c>out/credit-review.json</c>.
    /// </summary>
    public static bool IsFolder(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Directory.Exists(path))
        {
            return true;
        }

        if (path.EndsWith(Path.DirectorySeparatorChar) || path.EndsWith(Path.AltDirectorySeparatorChar))
        {
            return true;
        }

        return !File.Exists(path) && Path.GetExtension(path).Length == 0;
    }
}
