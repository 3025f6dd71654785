using System.Text.Json.Nodes;
using WorkflowKit.Definitions.Conditions;
using WorkflowKit.Permissions;
using WorkflowKit.Records;
using WorkflowKit.Storage;

namespace WorkflowKit.Forms;

/// <summary>
/// Finds the record of another form whose fields equal values of submitted data, for record values and lookup
/// ranges. With a reader and a user it reads only records that user may read; otherwise it reads the store.
/// </summary>
public static class RecordMatch
{
    /// <summary>
    /// Returns the newest live record of <paramref name="formKey"/> whose fields equal the values of
    /// <paramref name="match"/> (field of that form by the value it must equal), or null when a value is empty or no
    /// record matches.
    /// </summary>
    public static async Task<RecordEntry?> FindAsync(
        string formKey, IReadOnlyDictionary<string, JsonNode?> match, string? userId, RecordReader? reader,
        IRecordStore store, IStorageTransaction? transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(match);
        ArgumentNullException.ThrowIfNull(store);
        if (match.Values.Any(FieldValues.IsEmpty))
        {
            return null;
        }

        // Without a sort the stores list the newest record first.
        var query = new RecordQuery(formKey)
        {
            Filter = Condition.AllOf([.. match.Select(pair => new Rule
            {
                Field = pair.Key, Operator = RuleOperators.Equal, Value = pair.Value!.DeepClone(),
            })]),
            Limit = 1,
            CountTotal = false,
        };
        var page = reader is not null && userId is not null
            ? await reader.ListAsync(userId, query, cancellationToken).ConfigureAwait(false)
            : await store.QueryAsync(query, transaction, cancellationToken).ConfigureAwait(false);
        return page.Items.Count == 0 ? null : page.Items[0];
    }
}
