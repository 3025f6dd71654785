namespace WorkflowKit.Samples.Tests;

/// <summary>Locations of repository files that the tests read.</summary>
internal static class TestPaths
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string TemplatePackage => Path.Combine(RepositoryRoot, "definitions", "templates", "biopharma");

    public static string CommittedSampleData => Path.Combine(RepositoryRoot, "samples", "data");

    /// <summary>Creates an empty folder under the system temp folder for one test.</summary>
    public static string NewTempFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "workflowkit-samples-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }

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
