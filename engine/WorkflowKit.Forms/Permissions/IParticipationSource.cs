namespace WorkflowKit.Permissions;

/// <summary>
/// Which records a user takes part in, for permission rules with <c>participant: true</c>:
/// records whose flow instance the user started, was assigned a task on, acted on, or was
/// CC'd on. The runtime implements it over its task and CC tables.
/// </summary>
public interface IParticipationSource
{
    Task<IReadOnlyCollection<long>> GetRecordIdsAsync(
        string userId, string formKey, CancellationToken cancellationToken);
}
