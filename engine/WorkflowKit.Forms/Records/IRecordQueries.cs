using WorkflowKit.Storage;

namespace WorkflowKit.Records;

/// <summary>
/// Reads beyond pages of records: streams for export, aggregates for dashboards and the audit
/// trail. Like <see cref="IRecordStore"/> it applies no data permissions; the permission
/// filter (<c>WorkflowKit.Permissions.RecordReader</c>) passes its filter in <c>Where</c>.
/// </summary>
public interface IRecordQueries
{
    /// <summary>
    /// Streams every match of <paramref name="query"/> (ignoring its offset and limit) in its sort order.
    /// </summary>
    IAsyncEnumerable<RecordMatch> StreamAsync(RecordQuery query, CancellationToken cancellationToken);

    Task<IReadOnlyList<RecordAggregateRow>> AggregateAsync(
        RecordAggregateQuery query, IStorageTransaction? transaction, CancellationToken cancellationToken);

    /// <summary>The audit trail of one record, oldest first.</summary>
    Task<IReadOnlyList<RecordAuditEntry>> GetHistoryAsync(
        string formKey, long recordId, CancellationToken cancellationToken);
}
