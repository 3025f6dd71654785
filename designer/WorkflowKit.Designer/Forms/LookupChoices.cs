using System.Text.Json.Nodes;
using WorkflowKit.Definitions.Conditions;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Definitions.Packages;
using WorkflowKit.Designer.Records;
using WorkflowKit.Permissions;
using WorkflowKit.Records;

namespace WorkflowKit.Designer.Forms;

/// <summary>
/// Lookup data of the work portal's form: the records a lookup field offers its user, found by value or by the lookup
/// form's title field. It reads through the user's data permissions with <see cref="RecordReader"/>, as the server's
/// checks do.
/// </summary>
public sealed class LookupChoices(RecordReader reader, RecordSetup setup)
{
    /// <summary>Maximum number of records one search returns.</summary>
    public const int MaxChoices = 20;

    /// <summary>
    /// Returns up to <see cref="MaxChoices"/> records of the lookup's form that <paramref name="userId"/> may read,
    /// ordered by value: all of them for empty <paramref name="text"/>, else those whose value or title contains it
    /// in any case.
    /// </summary>
    public async Task<IReadOnlyList<LookupChoice>> SearchAsync(
        RecordLookup lookup, string userId, string? text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lookup);
        var form = await setup.EnsureFormAsync(lookup.Form, cancellationToken);
        var titleField = TitleFieldOf(form, lookup);
        var query = new RecordQuery(lookup.Form)
        {
            Filter = Filter(lookup, titleField, text?.Trim()),
            Sort = [new SortOrder { Field = lookup.ValueField }],
            Limit = MaxChoices,
            CountTotal = false,
        };

        return await ReadAsync(lookup, titleField, userId, query, cancellationToken);
    }

    /// <summary>
    /// Returns the record of the lookup's form whose value is <paramref name="value"/>, if
    /// <paramref name="userId"/> may read one, so that a read-only view can show its title beside the value.
    /// </summary>
    public async Task<LookupChoice?> FindAsync(
        RecordLookup lookup, string userId, string value, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lookup);
        ArgumentNullException.ThrowIfNull(value);
        var form = await setup.EnsureFormAsync(lookup.Form, cancellationToken);
        var titleField = TitleFieldOf(form, lookup);
        var query = new RecordQuery(lookup.Form)
        {
            Filter = Condition.AllOf(new Rule { Field = lookup.ValueField, Operator = RuleOperators.Equal, Value = value }),
            Limit = 1,
            CountTotal = false,
        };

        var choices = await ReadAsync(lookup, titleField, userId, query, cancellationToken);
        return choices.Count > 0 ? choices[0] : null;
    }

    /// <summary>
    /// Returns the values that picking <paramref name="value"/> copies into the form by the lookup's
    /// <see cref="RecordLookup.Fill"/>, keyed by the field to fill: the fields of the record with that value that
    /// <paramref name="userId"/> may read, and null for a field that is empty or hidden from the user. Empty when
    /// the lookup fills nothing or the user may read no such record.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, JsonNode?>> FillAsync(
        RecordLookup lookup, string userId, string value, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lookup);
        ArgumentNullException.ThrowIfNull(value);
        if (lookup.Fill is not { Count: > 0 } fill)
        {
            return new Dictionary<string, JsonNode?>();
        }

        var query = new RecordQuery(lookup.Form)
        {
            Filter = Condition.AllOf(new Rule { Field = lookup.ValueField, Operator = RuleOperators.Equal, Value = value }),
            Limit = 1,
            CountTotal = false,
        };
        RecordPage page;
        try
        {
            page = await reader.ListAsync(userId, query, cancellationToken);
        }
        catch (UnauthorizedAccessException)
        {
            return new Dictionary<string, JsonNode?>();
        }

        if (page.Items.Count == 0)
        {
            return new Dictionary<string, JsonNode?>();
        }

        var data = page.Items[0].Data;
        return fill.ToDictionary(
            pair => pair.Key, pair => data[pair.Value]?.DeepClone(), StringComparer.Ordinal);
    }

    private async Task<IReadOnlyList<LookupChoice>> ReadAsync(
        RecordLookup lookup, string? titleField, string userId, RecordQuery query, CancellationToken cancellationToken)
    {
        RecordPage page;
        try
        {
            page = await reader.ListAsync(userId, query, cancellationToken);
        }
        catch (UnauthorizedAccessException)
        {
            // NOTE: the user's permissions hide the value or title field everywhere, so the list stays empty and the
            // user types the value, which the server checks as before.
            return [];
        }

        return [.. page.Items
            .Select(item => new LookupChoice(
                Text(item.Data[lookup.ValueField]) ?? string.Empty,
                titleField is null ? null : Text(item.Data[titleField])))
            .Where(choice => choice.Value.Length > 0)
            .DistinctBy(choice => choice.Value, StringComparer.Ordinal)];
    }

    private static string? TitleFieldOf(FormDefinition? form, RecordLookup lookup) =>
        form?.TitleField is { Length: > 0 } title && title != lookup.ValueField ? title : null;

    private static Condition? Filter(RecordLookup lookup, string? titleField, string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        // The record query's "contains" ignores case, so "hba1c" finds "HbA1c".
        var fields = titleField is null ? [lookup.ValueField] : new[] { lookup.ValueField, titleField };
        var groups = fields
            .Select(field => new RuleGroup
            {
                All = [new Rule { Field = field, Operator = RuleOperators.Contains, Value = text }],
            })
            .ToList();
        return new Condition { Any = groups };
    }

    private static string? Text(JsonNode? value) =>
        value is JsonValue scalar && scalar.TryGetValue<string>(out var text) ? text : value?.ToJsonString();
}

/// <summary>One record a lookup field offers: the value it stores and the record's title, if the form has one.</summary>
public sealed record LookupChoice(string Value, string? Title);
