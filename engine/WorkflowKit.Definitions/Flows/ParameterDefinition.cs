using System.Text.Json.Nodes;

namespace WorkflowKit.Definitions.Flows;

/// <summary>
/// A flow parameter: a named, typed value that a process owner sets in the flow settings and that scripts,
/// conditions and expressions of the flow read as <c>params.ID</c>. The value belongs to the published version,
/// so instances keep the values of the version they started on.
/// </summary>
public sealed class ParameterDefinition
{
    public string Id { get; set; } = string.Empty;

    /// <summary>One of <see cref="ParameterTypes.All"/>.</summary>
    public string Type { get; set; } = ParameterTypes.Number;

    public LocalizedText? Label { get; set; }

    public LocalizedText? Description { get; set; }

    public JsonNode? Value { get; set; }

    /// <summary>The smallest value a number or money parameter may have, inclusive.</summary>
    public decimal? Min { get; set; }

    /// <summary>The largest value a number or money parameter may have, inclusive.</summary>
    public decimal? Max { get; set; }

    /// <summary>
    /// The id of another number or money parameter that this one may not be below, such as a restrict threshold
    /// that must be at least the watch threshold.
    /// </summary>
    public string? AtLeast { get; set; }
}
