namespace WorkflowKit.Forecasting.Tests;

/// <summary>
/// Locates the third-party test data folder: WORKFLOWKIT_SHARED_DATA first, then <c>shared/data</c> or
/// <c>../shared/data</c> beside any folder above the test binaries. Tests that need it are ignored when it is
/// missing, and fail when CI=true.
/// </summary>
internal static class SharedData
{
    public const string Variable = "WORKFLOWKIT_SHARED_DATA";

    public static string PharmaMonthly => Require(Path.Combine("business", "pharma-sales", "salesmonthly.csv"));

    public static string PharmaWeekly => Require(Path.Combine("business", "pharma-sales", "salesweekly.csv"));

    public static string PharmaDaily => Require(Path.Combine("business", "pharma-sales", "salesdaily.csv"));

    /// <summary>Returns the full path of a file under the data folder, or ignores (under CI, fails) the test.</summary>
    public static string Require(string relativePath)
    {
        var folder = Locate();
        var path = folder is null ? null : Path.Combine(folder, relativePath);
        if (path is not null && File.Exists(path))
        {
            return path;
        }

        var message = $"Test data '{relativePath}' not found. Set {Variable} to the shared data folder " +
                      "(the repository's ../shared/data).";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail(message);
        }

        Assert.Ignore(message);
        return string.Empty;
    }

    private static string? Locate()
    {
        var configured = Environment.GetEnvironmentVariable(Variable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Directory.Exists(configured) ? configured : null;
        }

        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            foreach (var candidate in new[] { Path.Combine(folder.FullName, "shared", "data"),
                         Path.Combine(folder.FullName, "..", "shared", "data") })
            {
                if (Directory.Exists(candidate))
                {
                    return Path.GetFullPath(candidate);
                }
            }
        }

        return null;
    }
}
