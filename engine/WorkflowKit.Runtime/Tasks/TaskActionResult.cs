using WorkflowKit.Runtime.Instances;

namespace WorkflowKit.Runtime.Tasks;

/// <summary>The task after an action and the instance after the step the action started.</summary>
public sealed record TaskActionResult(WorkTask Task, WorkflowInstance Instance)
{
    /// <summary>
    /// Rows of other owners that the submitted form changes would have changed, but that kept their stored values
    /// because their owners submitted since the task was created. Empty for actions without form changes.
    /// </summary>
    public IReadOnlyList<KeptOwnerRow> KeptRows { get; init; } = [];
}
