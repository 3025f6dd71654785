using System.Text.Json.Nodes;

namespace WorkflowKit.Records;

/// <summary>The value of one field before and after a write; null where the field was empty.</summary>
public sealed record RecordFieldChange(string Field, JsonNode? OldValue, JsonNode? NewValue);
