namespace WorkflowKit.Storage.Tests.Support;

/// <summary>Repository files that the contract suites read.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string ExamplePackage => Path.Combine(Root, "docs", "examples", "credit-review");

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
                "repository.");
    }
}
