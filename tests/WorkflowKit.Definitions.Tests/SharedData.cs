namespace WorkflowKit.Definitions.Tests;

/// <summary>
/// Third-party test data outside the repository, from WORKFLOWKIT_SHARED_DATA (default
/// ../shared/data beside the repository). Tests skip without it, except under CI=true.
/// </summary>
internal static class SharedData
{
    public static string Require(params string[] relativePath)
    {
        var root = Environment.GetEnvironmentVariable("WORKFLOWKIT_SHARED_DATA")
                   ?? Path.Combine(TestPaths.RepositoryRoot, "..", "shared", "data");
        var path = Path.Combine([root, .. relativePath]);
        if (File.Exists(path))
        {
            return path;
        }

        var message = $"Shared test data {path} is missing; set WORKFLOWKIT_SHARED_DATA to the shared data folder.";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail(message);
        }

        Assert.Ignore(message);
        return path;
    }
}
