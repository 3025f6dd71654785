using System.Text.Json.Nodes;
using WorkflowKit.Storage;

namespace WorkflowKit.Records;

/// <summary>
/// One store for the records of every form. Writes take an optional open transaction so that
/// an engine step commits its record changes together with the instance state.
/// </summary>
/// <remarks>
/// This store does not apply data permissions: reads for a user go through the permission
/// filter, which is the one read path for lists, detail, search, export, API and dashboards.
/// </remarks>
public interface IRecordStore
{
    Task<RecordEntry> CreateAsync(
        string formKey, JsonObject data, RecordWriteContext context, CancellationToken cancellationToken);

    /// <summary>Applies <paramref name="changes"/> (field id to new value) and records old and new values.</summary>
    /// <exception cref="ConcurrencyConflictException">The record's version is not <paramref name="expectedVersion"/>.</exception>
    Task<RecordEntry> UpdateAsync(
        string formKey, long recordId, JsonObject changes, long? expectedVersion, RecordWriteContext context,
        CancellationToken cancellationToken);

    Task<RecordEntry?> GetAsync(
        string formKey, long recordId, IStorageTransaction? transaction, CancellationToken cancellationToken);

    Task<RecordPage> QueryAsync(RecordQuery query, IStorageTransaction? transaction, CancellationToken cancellationToken);

    Task SoftDeleteAsync(string formKey, long recordId, RecordWriteContext context, CancellationToken cancellationToken);
}
