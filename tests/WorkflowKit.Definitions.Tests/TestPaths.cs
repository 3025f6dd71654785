namespace WorkflowKit.Definitions.Tests;

/// <summary>Locations of repository files that the tests read.</summary>
internal static class TestPaths
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string ExamplePackage => Path.Combine(RepositoryRoot, "docs", "examples", "credit-review");

    public static string BrokenFolder => Path.Combine(RepositoryRoot, "tests", "WorkflowKit.Definitions.Tests",
        "Broken");

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "WorkflowKit.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName
            ?? throw new InvalidOperationException(
                $"Expected WorkflowKit.sln above {TestContext.CurrentContext.TestDirectory}; run the tests from the " +
                $"repository.");
    }
}
