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
    /// Inserts the delegation unless another delegation of the same user that has not ended overlaps its period. The
    /// check and the insert run in one transaction that no other node's insert for the same user can interleave with.
    /// Returns null when inserted, else the overlapping delegation, and then nothing is written.
    /// </summary>
    Task<Delegation?> InsertAsync(Delegation delegation, CancellationToken cancellationToken);

    /// <summary>
    /// Ends a delegation at <paramref name="at"/>. Returns false when it was already ended, and then nothing changes.
    /// </summary>
    Task<bool> EndAsync(string id, string endedBy, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>
    /// Marks the delegations whose open tasks should move and whose period has started by <paramref name="at"/> as
    /// moved, and returns them. Each delegation is returned to one caller only, whichever node calls.
    /// </summary>
    Task<IReadOnlyList<Delegation>> ClaimOpenTaskMovesAsync(DateTimeOffset at, CancellationToken cancellationToken);
}
