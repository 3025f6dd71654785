using WorkflowKit.Records;

namespace WorkflowKit.Storage;

/// <summary>The three faces of one provider's record store.</summary>
internal sealed record RecordStores(IRecordStore Store, IRecordQueries Queries, IRecordFormRegistry Forms)
{
    public static RecordStores Of<T>(T store)
        where T : IRecordStore, IRecordQueries, IRecordFormRegistry => new(store, store, store);
}
