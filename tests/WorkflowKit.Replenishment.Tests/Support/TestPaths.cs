namespace WorkflowKit.Replenishment.Tests.Support;

/// <summary>Locations of repository files that the tests read.</summary>
internal static class TestPaths
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string TemplatePackage => Path.Combine(RepositoryRoot, "definitions", "templates", "biopharma");

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "WorkflowKit.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName
            ?? throw new InvalidOperationException(
                $"Expected WorkflowKit.sln above {TestContext.CurrentContext.TestDirectory}; run the tests from the repository.");
    }
}
