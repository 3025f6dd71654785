using System.Text.Json.Serialization;

namespace WorkflowKit.Definitions.Flows;

/// <summary>A flow: nodes connected by edges, run by the engine for one form's data.</summary>
public sealed class FlowDefinition
{
    public const string KindName = "flow";

    [JsonPropertyName("$schema")]
    public string? Schema { get; set; }

    public int FormatVersion { get; set; } = FormatVersions.Current;

    public string Kind { get; set; } = KindName;

    public string Key { get; set; } = string.Empty;

    public LocalizedText Name { get; set; } = new();

    public LocalizedText? Description { get; set; }

    /// <summary>Key of the form whose data the flow carries; conditions and permissions name its fields.</summary>
    public string? Form { get; set; }

    public List<VariableDefinition>? Variables { get; set; }

    /// <summary>Named values that scripts, conditions and expressions read as <c>params.ID</c>.</summary>
    public List<ParameterDefinition>? Parameters { get; set; }

    public List<TriggerDefinition>? Triggers { get; set; }

    /// <summary>
    /// Who may start the flow from a form, the REST API or <c>workflowkit run</c>: rules of type user, role or
    /// department. Anyone may when the list is absent, and nobody when it is empty, which leaves schedules, record
    /// triggers, imports and sub-flow nodes. See <see cref="StarterRules"/>.
    /// </summary>
    public List<AssigneeRule>? Starters { get; set; }

    public List<NodeDefinition> Nodes { get; set; } = [];

    public List<EdgeDefinition> Edges { get; set; } = [];

    public FlowSettings? Settings { get; set; }
}
