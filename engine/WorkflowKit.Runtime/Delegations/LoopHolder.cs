namespace WorkflowKit.Runtime.Delegations;

/// <summary>
/// The person who takes a task whose delegation route looped (<see cref="Loop"/>): <see cref="User"/>, who is the
/// step's escalation target or the flow's owner by <see cref="Role"/>. When that user is away too, the task goes to the
/// end of their <see cref="Route"/>.
/// </summary>
internal sealed record LoopHolder(DelegationRoute Loop, string User, string Role, DelegationRoute? Route)
{
    /// <summary>Role of a holder that the node's <c>overdue.to</c> rules named.</summary>
    public const string EscalationTarget = "escalationTarget";

    /// <summary>Role of a holder who is the flow's process owner (<c>settings.owner</c>).</summary>
    public const string Owner = "owner";

    public string Assignee => Route is { Delegated: true } delegated ? delegated.Assignee : User;
}
