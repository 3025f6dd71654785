using System.Text.Json.Nodes;

namespace WorkflowKit.Records;

/// <summary>A stored record: its form, id, serial number, data and bookkeeping.</summary>
public sealed record RecordEntry(
    string FormKey,
    long Id,
    long Version,
    JsonObject Data,
    string? SerialNumber,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string? InstanceId,
    bool Deleted);
