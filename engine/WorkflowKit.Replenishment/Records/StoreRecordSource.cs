using System.Text.Json.Nodes;
using WorkflowKit.Records;
using WorkflowKit.Storage;

namespace WorkflowKit.Replenishment.Records;

/// <summary>Reads every live record of a form from an <see cref="IRecordStore"/>, page by page.</summary>
internal static class StoreRecordSource
{
    private const int PageSize = 500;

    public static async Task<IReadOnlyList<JsonObject>> ReadAllAsync(
        IRecordStore store, string formKey, IStorageTransaction? transaction, CancellationToken cancellationToken)
    {
        var all = new List<JsonObject>();
        for (var offset = 0; ; offset += PageSize)
        {
            var page = await store.QueryAsync(
                new RecordQuery(formKey) { Offset = offset, Limit = PageSize, CountTotal = false },
                transaction, cancellationToken).ConfigureAwait(false);
            all.AddRange(page.Items.Select(item => item.Data));
            if (page.Items.Count < PageSize)
            {
                return all;
            }
        }
    }
}
