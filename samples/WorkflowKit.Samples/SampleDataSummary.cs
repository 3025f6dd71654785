namespace WorkflowKit.Samples;

/// <summary>What one run of the generator wrote: the folder, the files relative to it, and row counts.</summary>
public sealed record SampleDataSummary(
    string Folder,
    IReadOnlyList<string> Files,
    int Customers,
    int Products,
    int Batches,
    int Orders,
    int OrderLines,
    int Receivables,
    int OverdueRecords,
    int Users);
