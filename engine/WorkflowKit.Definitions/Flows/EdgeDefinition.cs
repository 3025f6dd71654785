using System.Text.Json.Serialization;
using WorkflowKit.Definitions.Conditions;

namespace WorkflowKit.Definitions.Flows;

/// <summary>
/// A connection between two nodes. Edges leaving a condition node carry a condition and a
/// priority (lower first); exactly one of them is the default, taken when no condition holds.
/// </summary>
public sealed class EdgeDefinition
{
    public string Id { get; set; } = string.Empty;

    public string From { get; set; } = string.Empty;

    public string To { get; set; } = string.Empty;

    public Condition? Condition { get; set; }

    public int? Priority { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    [JsonPropertyName("default")]
    public bool IsDefault { get; set; }

    public LocalizedText? Label { get; set; }
}
