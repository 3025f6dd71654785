using System.Text.Json.Nodes;

namespace WorkflowKit.Runtime.Audit;

/// <summary>
/// One line of an instance's audit trail: who did what, when, at which node, with the comment
/// and, for submissions and task actions, a snapshot of the form data at that moment. An automatic
/// step that changed the form lists its changes in <see cref="Details"/> instead, as described at
/// <see cref="AuditFormChanges"/>.
/// </summary>
public sealed record AuditEntry(
    long Id,
    string InstanceId,
    DateTimeOffset At,
    string Actor,
    string Action,
    string? NodeId,
    string? TaskId,
    string? Comment,
    JsonObject? FormSnapshot,
    JsonObject? Details);
