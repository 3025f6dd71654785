namespace WorkflowKit.Runtime.Delegations;

/// <summary>
/// The people who may take a task of a node when the delegations of the user it was meant for loop: the users the
/// node's escalation rules (<c>overdue.to</c>) resolve to, in rule order, and the flow's process owner, with their
/// display names.
/// </summary>
internal sealed record LoopCandidates(
    IReadOnlyList<string> EscalationTargets, string? Owner, IReadOnlyDictionary<string, string> Names)
{
    public string NameOf(string userId) => Names.TryGetValue(userId, out var name) ? name : userId;
}
