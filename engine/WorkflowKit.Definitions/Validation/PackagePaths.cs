namespace WorkflowKit.Definitions.Validation;

/// <summary>
/// Resolves the file paths that a package manifest lists. A listed path must stay inside the package folder, so that
/// a package, such as one uploaded as a .zip, can never make the server read a file elsewhere.
/// </summary>
internal static class PackagePaths
{
    /// <summary>The message of a listed path that leaves the package folder.</summary>
    public static string Outside(string listedPath) =>
        $"The manifest lists \"{listedPath}\", which is outside the package folder. List files by their path " +
        "relative to package.json, without \"..\" and without a leading \"/\", such as \"forms/order.json\".";

    /// <summary>
    /// Returns the full path of <paramref name="listedPath"/> inside <paramref name="folder"/>, or null when the path
    /// is absolute or climbs out of the folder through "..".
    /// </summary>
    public static string? Resolve(string folder, string listedPath)
    {
        if (Path.IsPathRooted(listedPath))
        {
            return null;
        }

        var root = Path.GetFullPath(folder);
        var path = Path.GetFullPath(Path.Combine(root, listedPath));
        var relative = Path.GetRelativePath(root, path);
        var climbs = relative == ".." || relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal);
        return climbs || Path.IsPathRooted(relative) ? null : path;
    }
}
