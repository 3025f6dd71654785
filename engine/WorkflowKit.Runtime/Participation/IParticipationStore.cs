using WorkflowKit.Permissions;
using WorkflowKit.Storage;

namespace WorkflowKit.Runtime.Participation;

/// <summary>
/// The runtime's side of participant permission rules: the records a user takes part in through
/// flow instances (started, assigned, CC'd, acted). It also stores links from an instance to a
/// record that the instance did not write, such as the record of an imported row whose flow the
/// import started.
/// </summary>
public interface IParticipationStore : IParticipationSource
{
    /// <summary>Links a record to an instance in the caller's transaction; linking twice is harmless.</summary>
    Task LinkRecordAsync(
        IStorageTransaction transaction, string instanceId, string formKey, long recordId,
        CancellationToken cancellationToken);
}
