using Microsoft.Extensions.Options;
using WorkflowKit.Definitions.Validation;
using WorkflowKit.Designer.Hosting;

namespace WorkflowKit.Designer.Admin;

/// <summary>
/// The server folders from which the admin page may read a template package: the built-in templates folder
/// (<see cref="DesignerOptions.TemplatesPath"/>) and the folders of <see cref="DesignerOptions.PackageFolders"/>, each
/// with its subfolders. Every other path gets the same result, whether it is missing, a file or outside these roots, so
/// that the page does not tell an administrator which paths exist on the server.
/// </summary>
public sealed class PackageFolders
{
    public PackageFolders(IOptions<DesignerOptions> options, IWebHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        var contentRoot = environment.ContentRootPath;
        TemplatesRoot = options.Value.ResolveTemplatesPath(contentRoot);
        Roots = [TemplatesRoot, .. options.Value.PackageFolders
            .Where(folder => !string.IsNullOrWhiteSpace(folder))
            .Select(folder => Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder, contentRoot)))];
    }

    /// <summary>The built-in templates folder as a full path.</summary>
    public string TemplatesRoot { get; }

    /// <summary>The allowed roots as full paths, the templates folder first.</summary>
    public IReadOnlyList<string> Roots { get; }

    /// <summary>The package folders (those with a package.json) under the built-in templates folder, by path.</summary>
    public IReadOnlyList<string> ListBuiltIn() => Directory.Exists(TemplatesRoot)
        ? [.. Directory.EnumerateFiles(TemplatesRoot, DefinitionValidator.ManifestFileName, SearchOption.AllDirectories)
            .Select(Path.GetDirectoryName).OfType<string>().Order(StringComparer.Ordinal)]
        : [];

    /// <summary>
    /// Returns <paramref name="path"/> as a full path when it is an absolute path of a folder that contains package.json
    /// and lies inside one of <see cref="Roots"/>, reached without a symbolic link below that root. Returns null in
    /// every other case, so that a caller gives the same reply for all of them.
    /// </summary>
    public string? Find(string? path)
    {
        if (string.IsNullOrWhiteSpace(path) || !Path.IsPathFullyQualified(path.Trim()))
        {
            return null;
        }

        var folder = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path.Trim()));
        var root = Roots.FirstOrDefault(candidate => IsSameOrInside(folder, candidate));
        if (root is null || !Directory.Exists(folder)
            || !File.Exists(Path.Combine(folder, DefinitionValidator.ManifestFileName))
            || PassesThroughLink(folder, root))
        {
            return null;
        }

        return folder;
    }

    private static bool IsSameOrInside(string folder, string root) =>
        string.Equals(folder, root, StringComparison.Ordinal)
        || folder.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    // A link below the root could point anywhere on the server; the root itself may be a link that the operator made.
    private static bool PassesThroughLink(string folder, string root)
    {
        for (var current = folder; current.Length > root.Length; current = Path.GetDirectoryName(current)!)
        {
            if (new DirectoryInfo(current).LinkTarget is not null)
            {
                return true;
            }
        }

        return new FileInfo(Path.Combine(folder, DefinitionValidator.ManifestFileName)).LinkTarget is not null;
    }
}
