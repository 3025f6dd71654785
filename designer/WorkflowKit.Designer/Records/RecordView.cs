using WorkflowKit.Definitions.Packages;

namespace WorkflowKit.Designer.Records;

/// <summary>
/// A saved view of a form's records: a template package's view (<see cref="Shared"/>) or one a
/// user saved for themself. The definition holds the filter, sort and columns.
/// </summary>
public sealed record RecordView(string Id, bool Shared, ViewDefinition Definition);
