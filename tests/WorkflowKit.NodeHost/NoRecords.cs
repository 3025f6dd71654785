using System.Text.Json.Nodes;
using WorkflowKit.Records;
using WorkflowKit.Storage;

namespace WorkflowKit.NodeHost;

/// <summary>The test flows write no records; a flow that tries fails with this message.</summary>
internal sealed class NoRecords : IRecordStore
{
    private static InvalidOperationException Refused() =>
        new("The node host has no record store; use flows without record nodes.");

    public Task<RecordEntry> CreateAsync(
        string formKey, JsonObject data, RecordWriteContext context, CancellationToken cancellationToken) =>
        throw Refused();

    public Task<RecordEntry> UpdateAsync(
        string formKey, long recordId, JsonObject changes, long? expectedVersion, RecordWriteContext context,
        CancellationToken cancellationToken) => throw Refused();

    public Task<RecordEntry?> GetAsync(
        string formKey, long recordId, IStorageTransaction? transaction, CancellationToken cancellationToken) =>
        throw Refused();

    public Task<RecordPage> QueryAsync(
        RecordQuery query, IStorageTransaction? transaction, CancellationToken cancellationToken) => throw Refused();

    public Task SoftDeleteAsync(
        string formKey, long recordId, RecordWriteContext context, CancellationToken cancellationToken) =>
        throw Refused();
}
