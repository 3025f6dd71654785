using System.Text.Json.Nodes;
using WorkflowKit.Definitions.Conditions;
using WorkflowKit.Records;
using WorkflowKit.Storage;

namespace WorkflowKit.Runtime.Records;

/// <summary>
/// Serves <c>records.query(formKey, filter)</c> for one step: it reads the live records of the form inside the
/// step's transaction, so a script sees the records that earlier nodes of the same step wrote.
/// </summary>
/// <remarks>
/// A filter property with a scalar value means "equals", an array means "one of", and null means "empty".
/// Results come in record id order. This store read applies no data permissions: scripts run as the flow,
/// not as a user.
/// </remarks>
internal sealed class ScriptRecordReader(
    IRecordStore store, Func<IStorageTransaction> transaction, int maxRows, CancellationToken cancellationToken)
{
    public IReadOnlyList<JsonObject> Query(string formKey, JsonObject filter)
    {
        var query = new RecordQuery(formKey)
        {
            Filter = ToCondition(filter),
            Limit = maxRows + 1,
            CountTotal = false,
        };

        // NOTE: Jint calls host functions synchronously, so the store's async read is awaited by blocking.
        // SQLite completes it inline; on PostgreSQL it holds a thread-pool thread for the query's duration.
        var page = store.QueryAsync(query, transaction(), cancellationToken).GetAwaiter().GetResult();
        if (page.Items.Count > maxRows)
        {
            throw new InvalidOperationException(
                $"records.query('{formKey}', {filter.ToJsonString()}) matched more than {maxRows:N0} records, the limit "
                + "of one query (EngineOptions.MaxQueryRows). Narrow the filter, for example by customer or product.");
        }

        // Stores list newest first by default; scripts get creation order whatever the store.
        return [.. page.Items.OrderBy(entry => entry.Id).Select(entry => (JsonObject)entry.Data.DeepClone())];
    }

    private static Condition? ToCondition(JsonObject filter)
    {
        if (filter.Count == 0)
        {
            return null;
        }

        var rules = new List<Rule>();
        foreach (var (field, value) in filter)
        {
            rules.Add(value switch
            {
                null => new Rule { Field = field, Operator = RuleOperators.IsEmpty },
                JsonArray array => new Rule { Field = field, Operator = RuleOperators.In, Value = array.DeepClone() },
                JsonObject => throw new ArgumentException(
                    $"records.query filter property '{field}' is an object; give a value to compare with, an array "
                    + "of values, or null for an empty field."),
                _ => new Rule { Field = field, Operator = RuleOperators.Equal, Value = value.DeepClone() },
            });
        }

        return new Condition { Any = [new RuleGroup { All = rules }] };
    }
}
