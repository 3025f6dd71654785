using WorkflowKit.Runtime.Instances;

namespace WorkflowKit.Runtime.Tasks;

/// <summary>The task after an action and the instance after the step the action started.</summary>
public sealed record TaskActionResult(WorkTask Task, WorkflowInstance Instance);
