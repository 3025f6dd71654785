namespace WorkflowKit.Definitions.Packages;

/// <summary>A CSV or .xlsx file of sample records loaded into a form when the package is imported.</summary>
public sealed class SampleDataFile
{
    public string Form { get; set; } = string.Empty;

    /// <summary>Path relative to the manifest.</summary>
    public string File { get; set; } = string.Empty;
}
