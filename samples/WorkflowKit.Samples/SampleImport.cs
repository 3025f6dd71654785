namespace WorkflowKit.Samples;

/// <summary>One file of the sample data and the form it loads into.</summary>
/// <param name="Form">Key of the form in the biopharma template package.</param>
/// <param name="File">Path relative to the sample data folder.</param>
/// <param name="Mapping">
/// Import mapping file relative to the sample data folder; null when the headers are field ids.
/// </param>
public sealed record SampleImport(string Form, string File, string? Mapping = null);
