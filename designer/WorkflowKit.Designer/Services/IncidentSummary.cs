using WorkflowKit.Definitions;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Runtime.Incidents;

namespace WorkflowKit.Designer.Services;

/// <summary>
/// A fault that stopped a node of an instance, as the incidents page and the instance page show it: with the
/// instance's title and flow and the node's display name. <see cref="Kind"/> is one of <see cref="IncidentKinds"/>,
/// such as <c>assignee</c> for a rule that matched nobody. <see cref="NodeName"/> is the node's name in the instance's
/// flow version, or its id when that version lacks the node. <see cref="Resolution"/> is one of
/// <see cref="IncidentResolutions"/>, such as <c>withdrawn</c> when the initiator withdrew the instance, and null while
/// the incident is open.
/// </summary>
public sealed record IncidentSummary(
    string Id,
    string InstanceId,
    string? InstanceTitle,
    InstanceState InstanceState,
    string FlowKey,
    LocalizedText FlowName,
    int FlowVersion,
    string? NodeId,
    LocalizedText? NodeName,
    string Kind,
    string Message,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ResolvedAt,
    string? ResolvedBy,
    string? Resolution = null)
{
    /// <summary>
    /// How many sub-flow levels the instance lies below the submission a person started: 0 for that submission, 8 for
    /// the deepest instance of a flow that starts itself until the engine's nesting limit stops it.
    /// </summary>
    public int SubFlowDepth { get; init; }

    /// <summary>The title of the submission a person started, which a sub-flow's incident names; null at depth 0.</summary>
    public string? TopInstanceTitle { get; init; }

    /// <summary>The id of the submission a person started; null at depth 0.</summary>
    public string? TopInstanceId { get; init; }

    /// <summary>Whether the incident still stops its node.</summary>
    public bool IsOpen => ResolvedAt is null;

    /// <summary>Describes an engine incident of the instance <paramref name="instance"/>, which runs <paramref name="flow"/>.</summary>
    public static IncidentSummary From(Incident incident, InstanceSummary instance, FlowDefinition flow)
    {
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(flow);
        var node = incident.NodeId is null ? null : flow.Nodes.FirstOrDefault(candidate => candidate.Id == incident.NodeId);
        return new IncidentSummary(
            incident.Id, incident.InstanceId, instance.Title, instance.State, instance.FlowKey, instance.FlowName,
            instance.FlowVersion, incident.NodeId,
            node?.Name ?? (incident.NodeId is null ? null : new LocalizedText(incident.NodeId)),
            incident.Kind, incident.Message, incident.CreatedAt, incident.ResolvedAt, incident.ResolvedBy,
            incident.Resolution);
    }
}
