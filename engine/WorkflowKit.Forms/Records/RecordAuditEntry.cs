using System.Text.Json.Nodes;

namespace WorkflowKit.Records;

/// <summary>
/// One write of a record: a snapshot of its data after the write and the old and new value of
/// every field the write changed. <see cref="Action"/> is "create", "update" or "delete".
/// </summary>
public sealed record RecordAuditEntry(
    long Id,
    string FormKey,
    long RecordId,
    long Version,
    string Action,
    string UserId,
    string? InstanceId,
    DateTimeOffset At,
    JsonObject Snapshot,
    IReadOnlyList<RecordFieldChange> Changes);
