namespace WorkflowKit.Runtime.Delegations;

/// <summary>
/// The delegations in force when a step began, with the display names of the users they name, for the notices of
/// delegated tasks. A delegation whose delegate was disabled since is left out, so the task stays with its user.
/// </summary>
internal sealed record DelegationsInForce(IReadOnlyList<Delegation> Delegations, IReadOnlyDictionary<string, string> Names)
{
    public static DelegationsInForce None { get; } = new([], new Dictionary<string, string>());

    public string NameOf(string userId) => Names.TryGetValue(userId, out var name) ? name : userId;
}
