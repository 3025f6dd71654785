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
/// <remarks>
/// TODO: the start form's lookup field is still a plain text box. A list under the box that searched on each typed
/// change never received the change in a Playwright browser test, for a reason not yet found.
/// </remarks>
public sealed class LookupChoices(RecordReader reader, RecordSetup setup)
{
    /// <summary>Maximum number of records one search returns.</summary>
    public const int MaxChoices = 20;

    /// <summary>
    /// Returns up to <see cref="MaxChoices"/> records of the lookup's form that <paramref name="userId"/> may read,
    /// ordered by value: all of them for empty <paramref name="text"/>, else those whose value or title contains it
    /// as typed or in upper case.
    /// </summary>
    public async Task<IReadOnlyList<LookupChoice>> SearchAsync(
        RecordLookup lookup, string userId, string? text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lookup);
        var form = await setup.EnsureFormAsync(lookup.Form, cancellationToken);
        var titleField = form?.TitleField is { Length: > 0 } title && title != lookup.ValueField ? title : null;
        var query = new RecordQuery(lookup.Form)
        {
            Filter = Filter(lookup, titleField, text?.Trim()),
            Sort = [new SortOrder { Field = lookup.ValueField }],
            Limit = MaxChoices,
            CountTotal = false,
        };

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

    private static Condition? Filter(RecordLookup lookup, string? titleField, string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        // The record query's "contains" is case-sensitive. Codes are mostly upper case, so a code typed in lower case
        // also matches its upper-case form.
        var texts = new[] { text, text.ToUpperInvariant() }.Distinct(StringComparer.Ordinal).ToList();
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
