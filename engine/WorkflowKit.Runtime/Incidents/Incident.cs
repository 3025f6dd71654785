namespace WorkflowKit.Runtime.Incidents;

/// <summary>
/// A fault that stopped one token of an instance: a script error, no assignee, an HTTP call that
/// kept failing. The token waits until someone fixes the cause and retries the incident, or until
/// the instance ends without it (withdrawn, cancelled or rejected), which resolves it too.
/// <see cref="Resolution"/> records how it was resolved (<see cref="IncidentResolutions"/>). It is null while the
/// incident is open, and on incidents that were resolved before the engine recorded resolutions.
/// </summary>
public sealed record Incident(
    string Id,
    string InstanceId,
    string? TokenId,
    string? NodeId,
    string Kind,
    string Message,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ResolvedAt,
    string? ResolvedBy,
    string? Resolution = null);
