using WorkflowKit.Storage;

namespace WorkflowKit.Import;

/// <summary>
/// Starts a flow for each imported row when the form's flow has an import trigger. The
/// importer calls it right after the row's record is written, inside the same transaction, so
/// the row and its flow start commit or roll back together. The runtime implements it.
/// </summary>
public interface IImportRowStarter
{
    Task StartAsync(ImportedRow row, IStorageTransaction transaction, CancellationToken cancellationToken);
}
