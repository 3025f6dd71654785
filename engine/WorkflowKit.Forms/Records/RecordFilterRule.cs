using System.Text.Json.Nodes;

namespace WorkflowKit.Records;

/// <summary>
/// One comparison of a record field with a literal (<see cref="Value"/>) or with another field
/// of the same record (<see cref="ValueField"/>).
/// </summary>
public sealed record RecordFilterRule(string Field, string Operator, JsonNode? Value, string? ValueField)
    : RecordFilter;
