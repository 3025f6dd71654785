namespace WorkflowKit.Runtime.Incidents;

/// <summary>
/// A fault that stopped one token of an instance: a script error, no assignee, an HTTP call that
/// kept failing. The token waits until someone fixes the cause and retries the incident.
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
    string? ResolvedBy);
