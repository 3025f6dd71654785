using System.Globalization;
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
    /// as typed, in upper case, in lower case or in title case.
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

        // The record query's "contains" is case-sensitive. Codes are mostly upper case and names mostly start their
        // words with a capital, so the text also matches in upper case, lower case and title case ("ruijin" finds
        // "Ruijin Hospital"). Other mixed case, such as "HbA1c" typed as "hba1c", is still not found.
        var lower = text.ToLowerInvariant();
        var titleCase = CultureInfo.InvariantCulture.TextInfo.ToTitleCase(lower);
        var texts = new[] { text, text.ToUpperInvariant(), lower, titleCase }.Distinct(StringComparer.Ordinal).ToList();
        var fields = titleField is null ? [lookup.ValueField] : new[] { lookup.ValueField, titleField };
        var groups = fields
            .SelectMany(field => texts.Select(value => new RuleGroup
            {
                All = [new Rule { Field = field, Operator = RuleOperators.Contains, Value = value }],
            }))
            .ToList();
        return new Condition { Any = groups };
    }

    private static string? Text(JsonNode? value) =>
        value is JsonValue scalar && scalar.TryGetValue<string>(out var text) ? text : value?.ToJsonString();
}

/// <summary>One record a lookup field offers: the value it stores and the record's title, if the form has one.</summary>
public sealed record LookupChoice(string Value, string? Title);
