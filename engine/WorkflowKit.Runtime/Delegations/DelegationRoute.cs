namespace WorkflowKit.Runtime.Delegations;

/// <summary>
/// Where a task went through the delegations in force: <see cref="Chain"/> starts with the user the node's rules named
/// and ends with the assignee. <see cref="StoppedAt"/> is the next delegate the route did not take, and
/// <see cref="StopReason"/> records why (<see cref="DelegationStops"/>).
/// </summary>
internal sealed record DelegationRoute(
    IReadOnlyList<string> Chain, IReadOnlyList<string> DelegationIds, string? StopReason, string? StoppedAt)
{
    public string Assignee => Chain[^1];

    public bool Delegated => Chain.Count > 1;

    /// <summary>
    /// Follows the delegations from <paramref name="user"/>: A→B while B→C gives C. A delegate already in the chain
    /// ends it at the last user before the repeat. <paramref name="refusal"/> returns why a candidate may not take the
    /// task (a <see cref="DelegationStops"/> value), or null when they may; a refused hop ends the route there.
    /// </summary>
    public static DelegationRoute Follow(
        IReadOnlyList<Delegation> inForce, string user, string flowKey, Func<string, string?> refusal)
    {
        var chain = new List<string> { user };
        var ids = new List<string>();
        var current = user;
        while (inForce.FirstOrDefault(candidate => candidate.UserId == current && candidate.Covers(flowKey)) is { } next)
        {
            if (chain.Contains(next.DelegateId, StringComparer.Ordinal))
            {
                return new DelegationRoute(chain, ids, DelegationStops.Cycle, next.DelegateId);
            }

            if (refusal(next.DelegateId) is { } reason)
            {
                return new DelegationRoute(chain, ids, reason, next.DelegateId);
            }

            chain.Add(next.DelegateId);
            ids.Add(next.Id);
            current = next.DelegateId;
        }

        return new DelegationRoute(chain, ids, null, null);
    }
}
