using WorkflowKit.Runtime.Incidents;
using WorkflowKit.Runtime.Tasks;

namespace WorkflowKit.Runtime.Instances;

/// <summary>An instance with where its tokens stand, its tasks and its open incidents.</summary>
public sealed record InstanceDetail(
    WorkflowInstance Instance,
    IReadOnlyList<TokenPosition> Positions,
    IReadOnlyList<WorkTask> Tasks,
    IReadOnlyList<Incident> Incidents);
