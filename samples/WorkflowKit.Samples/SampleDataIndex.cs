namespace WorkflowKit.Samples;

/// <summary>
/// The contents of sample-data.json: how the files were generated and the order to load them in
/// (master data first, so that later files can refer to it).
/// </summary>
/// <param name="Package">Key of the template package whose forms the files load into.</param>
/// <param name="Seed">Seed the files were generated with.</param>
/// <param name="Today">Date the files were generated for; all dates in them are relative to it.</param>
/// <param name="Imports">Files to import, in load order.</param>
/// <param name="SalesHistory">Long-form sales history for the demand forecast; it loads into no form.</param>
/// <param name="Users">Demo departments and users.</param>
public sealed record SampleDataIndex(
    string Package,
    int Seed,
    DateOnly Today,
    IReadOnlyList<SampleImport> Imports,
    string SalesHistory,
    string Users);
