namespace WorkflowKit.Runtime.Incidents;

/// <summary>An incident that a step resolves, with the user who resolved it and how (<see cref="IncidentResolutions"/>).</summary>
public sealed record IncidentResolution(string IncidentId, string UserId, string Resolution);
