using System.Text.Json.Nodes;
using WorkflowKit.Definitions.Conditions;
using WorkflowKit.Definitions.Packages;
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
    public static Task<RecordEntry?> FindAsync(
        string formKey, IReadOnlyDictionary<string, JsonNode?> match, string? userId, RecordReader? reader,
        IRecordStore store, IStorageTransaction? transaction, CancellationToken cancellationToken) =>
        FindAsync(formKey, match, null, userId, reader, store, transaction, cancellationToken);

    /// <summary>
    /// Returns the matching record as the other overload does, but with <paramref name="validOn"/> only among the
    /// records valid on its date, and of those the one whose period starts last (the newest one on a tie).
    /// </summary>
    public static async Task<RecordEntry?> FindAsync(
        string formKey, IReadOnlyDictionary<string, JsonNode?> match, ValidOn? validOn, string? userId,
        RecordReader? reader, IRecordStore store, IStorageTransaction? transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(match);
        ArgumentNullException.ThrowIfNull(store);
        if (match.Values.Any(FieldValues.IsEmpty))
        {
            return null;
        }

        var rules = match.Select(pair => new Rule
        {
            Field = pair.Key, Operator = RuleOperators.Equal, Value = pair.Value!.DeepClone(),
        }).ToList();

        // Without a sort the stores list the newest record first.
        var query = new RecordQuery(formKey)
        {
            Filter = validOn is null ? Condition.AllOf([.. rules]) : ValidFilter(rules, validOn),
            Sort = validOn is null ? [] : [new SortOrder { Field = validOn.Validity.FromField, Descending = true }],
            Limit = 1,
            CountTotal = false,
        };
        var page = reader is not null && userId is not null
            ? await reader.ListAsync(userId, query, cancellationToken).ConfigureAwait(false)
            : await store.QueryAsync(query, transaction, cancellationToken).ConfigureAwait(false);
        return page.Items.Count == 0 ? null : page.Items[0];
    }

    /// <summary>
    /// The match rules and the validity period as one condition: the start is empty or on or before the date, and
    /// the end is empty or on or after it. Conditions are OR-of-AND groups, so each pair of cases is one group.
    /// </summary>
    private static Condition ValidFilter(List<Rule> rules, ValidOn validOn)
    {
        var date = validOn.DateText;
        var starts = Cases(validOn.Validity.FromField, RuleOperators.LessThanOrEqual, date);
        Rule?[] ends = validOn.Validity.ToField is { } to
            ? [.. Cases(to, RuleOperators.GreaterThanOrEqual, date)]
            : [null];
        var groups = new List<RuleGroup>();
        foreach (var start in starts)
        {
            foreach (var end in ends)
            {
                var all = rules.Select(Copy).Append(start).ToList();
                if (end is not null)
                {
                    all.Add(end);
                }

                groups.Add(new RuleGroup { All = all });
            }
        }

        return new Condition { Any = groups };
    }

    private static Rule[] Cases(string field, string comparison, string date) =>
    [
        new Rule { Field = field, Operator = RuleOperators.IsEmpty },
        new Rule { Field = field, Operator = comparison, Value = date },
    ];

    private static Rule Copy(Rule rule) =>
        new() { Field = rule.Field, Operator = rule.Operator, Value = rule.Value?.DeepClone() };
}
