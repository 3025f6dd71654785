using WorkflowKit.Designer.Accounts;

namespace WorkflowKit.Designer.Services;

/// <summary>
/// Incidents for administrators and process owners: nodes that stopped on a fault, and retrying them once the cause
/// is fixed.
/// </summary>
public interface IIncidentService
{
    /// <summary>
    /// Lists incidents of one instance, or of every instance when <paramref name="instanceId"/> is null, newest first.
    /// With <paramref name="openOnly"/> it leaves out resolved incidents.
    /// </summary>
    /// <exception cref="AccessDeniedException">The user is neither an administrator nor a process owner.</exception>
    /// <exception cref="NotFoundException"><paramref name="instanceId"/> names no instance.</exception>
    Task<IReadOnlyList<IncidentSummary>> ListAsync(
        string? instanceId, bool openOnly, UserContext user, CancellationToken cancellationToken);

    /// <summary>Resolves an open incident as the user and runs its node again.</summary>
    /// <exception cref="AccessDeniedException">The user is neither an administrator nor a process owner.</exception>
    /// <exception cref="NotFoundException">No incident has the id.</exception>
    /// <exception cref="Storage.ConcurrencyConflictException">
    /// The incident is already resolved, or its instance has ended.
    /// </exception>
    Task<IncidentRetryResult> RetryAsync(string incidentId, UserContext user, CancellationToken cancellationToken);
}
