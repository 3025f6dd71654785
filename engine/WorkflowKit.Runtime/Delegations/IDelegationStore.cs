using WorkflowKit.Storage;

namespace WorkflowKit.Runtime.Delegations;

/// <summary>
/// The stored delegations, one row each (table <c>delegations</c>, migration 4120 on both providers). Every engine node
/// reads them from the shared database, so a delegation created on one node applies on all at once.
/// </summary>
public interface IDelegationStore
{
    /// <summary>Lists the delegations in force at <paramref name="at"/>, read through <paramref name="transaction"/> when given.</summary>
    Task<IReadOnlyList<Delegation>> ListInForceAsync(
        IStorageTransaction? transaction, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Lists the delegations of one delegating user, newest start first.</summary>
    Task<IReadOnlyList<Delegation>> ListForUserAsync(string userId, CancellationToken cancellationToken);

    /// <summary>Lists every delegation, newest start first.</summary>
    Task<IReadOnlyList<Delegation>> ListAllAsync(CancellationToken cancellationToken);

    Task<Delegation?> FindAsync(string id, CancellationToken cancellationToken);

    /// <summary>
    /// Inserts the delegation unless another delegation of the same user that has not ended overlaps its period and
    /// covers a flow that it covers too (<see cref="Delegation.SharesFlowsWith"/>). The
    /// check and the insert run in one transaction that no other node's insert for the same user can interleave with.
    /// Returns null when inserted, else the overlapping delegation, and then nothing is written.
    /// </summary>
    Task<Delegation?> InsertAsync(Delegation delegation, CancellationToken cancellationToken);

    /// <summary>
    /// Ends a delegation at <paramref name="at"/>. Returns false when it was already ended, and then nothing changes.
    /// </summary>
    Task<bool> EndAsync(string id, string endedBy, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>
    /// Leases, until <paramref name="at"/> plus <paramref name="lease"/>, the delegations in force at
    /// <paramref name="at"/> whose open tasks should move and have not all been moved, and returns them. A lease
    /// runs out when its runner stops before <see cref="CompleteOpenTaskMovesAsync"/>, and then the next call claims
    /// the delegation again, so the moves resume. Each delegation is returned to one caller per lease, whichever node
    /// calls.
    /// </summary>
    Task<IReadOnlyList<Delegation>> ClaimOpenTaskMovesAsync(
        DateTimeOffset at, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>Marks the open tasks of a claimed delegation as moved at <paramref name="at"/>, ending its lease.</summary>
    Task CompleteOpenTaskMovesAsync(string id, DateTimeOffset at, CancellationToken cancellationToken);
}
