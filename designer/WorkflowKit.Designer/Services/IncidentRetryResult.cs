namespace WorkflowKit.Designer.Services;

/// <summary>What a retry of an incident led to.</summary>
/// <param name="IncidentId">The incident that was resolved and whose node ran again.</param>
/// <param name="Instance">The instance after the retry.</param>
/// <param name="OpenTasks">Open tasks of the instance after the retry, such as the one the node created.</param>
/// <param name="RaisedIncidents">
/// Incidents that the retry raised because the cause is still there, such as a rule that still matches nobody; empty
/// when the node ran.
/// </param>
public sealed record IncidentRetryResult(
    string IncidentId,
    InstanceSummary Instance,
    IReadOnlyList<WorkTask> OpenTasks,
    IReadOnlyList<IncidentSummary> RaisedIncidents);
