using System.Diagnostics;
using System.Text.Json.Nodes;
using WorkflowKit.Records;
using WorkflowKit.Storage;

namespace WorkflowKit.Bench.Engine;

/// <summary>Times the record writes and reads the engine's record nodes make.</summary>
public sealed class TimedRecordStore(IRecordStore inner, PhaseTimes phases) : IRecordStore
{
    public async Task<RecordEntry> CreateAsync(
        string formKey, JsonObject data, RecordWriteContext context, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            return await inner.CreateAsync(formKey, data, context, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            phases.Add(PhaseTimes.Records, started);
        }
    }

    public async Task<RecordEntry> UpdateAsync(
        string formKey, long recordId, JsonObject changes, long? expectedVersion, RecordWriteContext context,
        CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            return await inner.UpdateAsync(formKey, recordId, changes, expectedVersion, context, cancellationToken)
                .ConfigureAwait(false);
        }
        finally
        {
            phases.Add(PhaseTimes.Records, started);
        }
    }

    public async Task<RecordEntry?> GetAsync(
        string formKey, long recordId, IStorageTransaction? transaction, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            return await inner.GetAsync(formKey, recordId, transaction, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            phases.Add(PhaseTimes.Records, started);
        }
    }

    public async Task<RecordPage> QueryAsync(
        RecordQuery query, IStorageTransaction? transaction, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            return await inner.QueryAsync(query, transaction, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            phases.Add(PhaseTimes.Records, started);
        }
    }

    public async Task SoftDeleteAsync(
        string formKey, long recordId, RecordWriteContext context, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await inner.SoftDeleteAsync(formKey, recordId, context, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            phases.Add(PhaseTimes.Records, started);
        }
    }
}
