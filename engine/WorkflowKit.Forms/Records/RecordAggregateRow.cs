using System.Text.Json.Nodes;

namespace WorkflowKit.Records;

/// <summary>One group of an aggregate: its key (null for no grouping or an empty value), count and sums.</summary>
public sealed record RecordAggregateRow(JsonNode? Key, long Count, IReadOnlyDictionary<string, decimal> Sums);
