using System.Text.Json.Nodes;

namespace WorkflowKit.Records;

/// <summary>
/// A filter over the records of one form, built from structured conditions and the permission
/// filter, and translated to SQL by the record store. Field names are form field ids or one of
/// <see cref="RecordSystemFields"/>; operators are those of
/// <see cref="Definitions.Conditions.RuleOperators"/> plus <see cref="SearchOperator"/>.
/// </summary>
public abstract record RecordFilter
{
    /// <summary>Case-insensitive substring match used by record search.</summary>
    public const string SearchOperator = "search";

    public static RecordFilter True { get; } = new RecordFilterConstant(true);

    public static RecordFilter False { get; } = new RecordFilterConstant(false);

    /// <summary>Compares a field with a literal value.</summary>
    public static RecordFilter Compare(string field, string op, JsonNode? value) =>
        new RecordFilterRule(field, op, value, null);

    /// <summary>All of the filters must hold; constants are folded away.</summary>
    public static RecordFilter And(IEnumerable<RecordFilter> filters)
    {
        var items = new List<RecordFilter>();
        foreach (var filter in filters)
        {
            if (filter is RecordFilterConstant constant)
            {
                if (!constant.Value)
                {
                    return False;
                }

                continue;
            }

            items.Add(filter);
        }

        return items.Count switch
        {
            0 => True,
            1 => items[0],
            _ => new RecordFilterAnd(items),
        };
    }

    public static RecordFilter And(params RecordFilter[] filters) => And((IEnumerable<RecordFilter>)filters);

    /// <summary>Any of the filters must hold; constants are folded away.</summary>
    public static RecordFilter Or(IEnumerable<RecordFilter> filters)
    {
        var items = new List<RecordFilter>();
        foreach (var filter in filters)
        {
            if (filter is RecordFilterConstant constant)
            {
                if (constant.Value)
                {
                    return True;
                }

                continue;
            }

            items.Add(filter);
        }

        return items.Count switch
        {
            0 => False,
            1 => items[0],
            _ => new RecordFilterOr(items),
        };
    }

    public static RecordFilter Or(params RecordFilter[] filters) => Or((IEnumerable<RecordFilter>)filters);

    /// <summary>Negates a filter.</summary>
    public static RecordFilter Not(RecordFilter filter) => filter switch
    {
        RecordFilterConstant constant => constant.Value ? False : True,
        RecordFilterNot not => not.Item,
        _ => new RecordFilterNot(filter),
    };
}
