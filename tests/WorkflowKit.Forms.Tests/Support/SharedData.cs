namespace WorkflowKit.Forms.Tests.Support;

/// <summary>
/// Locates the third-party test data: WORKFLOWKIT_SHARED_DATA, else ../shared/data beside the
/// repository. Tests skip when it is absent, and fail under CI=true.
/// </summary>
public static class SharedData
{
    public static string Require(string relativePath)
    {
        var root = Environment.GetEnvironmentVariable("WORKFLOWKIT_SHARED_DATA") ?? FindDefault();
        var path = root is null ? null : Path.Combine(root, relativePath);
        if (path is not null && (File.Exists(path) || Directory.Exists(path)))
        {
            return path;
        }

        var message = $"Shared test data '{relativePath}' not found; set WORKFLOWKIT_SHARED_DATA to the shared/data " +
                      "folder or place it at ../shared/data beside the repository.";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail(message);
        }

        Assert.Ignore(message);
        return string.Empty;
    }

    private static string? FindDefault()
    {
        for (var directory =
            new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "WorkflowKit.sln")))
            {
                return Path.GetFullPath(Path.Combine(directory.FullName, "..", "shared", "data"));
            }
        }

        return null;
    }
}
