using System.Globalization;
using System.Text.Json.Nodes;
using WorkflowKit.Definitions.Conditions;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Designer.Records;
using WorkflowKit.Permissions;
using WorkflowKit.Records;

namespace WorkflowKit.Designer.Forms;

/// <summary>
/// The records a related-record field offers its user on a start or task page: records of its <c>relatedForm</c> that
/// the user may read, through <see cref="RecordReader"/> as every read path, shown by the field's
/// <c>relatedDisplayField</c>, else by that form's <c>titleField</c>.
/// </summary>
public sealed class RelatedChoices(RecordReader reader, RecordSetup setup)
{
    /// <summary>Maximum number of records one search returns.</summary>
    public const int MaxChoices = 20;

    /// <summary>
    /// Returns up to <see cref="MaxChoices"/> records of the field's related form that <paramref name="userId"/> may
    /// read: all of them for empty <paramref name="text"/>, else those whose title contains it in any
    /// case, or whose id it is.
    /// </summary>
    public async Task<IReadOnlyList<RelatedChoice>> SearchAsync(
        FieldDefinition field, string userId, string? text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(field);
        var titleField = await TitleFieldAsync(field, cancellationToken);
        text = text?.Trim();
        var choices = new List<RelatedChoice>();
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            && await FindAsync(field, userId, id, cancellationToken) is { } byId)
        {
            choices.Add(byId);
        }

        var query = new RecordQuery(field.RelatedForm!)
        {
            Filter = string.IsNullOrEmpty(text) || titleField is null
                ? null
                : Condition.AllOf(new Rule { Field = titleField, Operator = RuleOperators.Contains, Value = text }),
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
            // NOTE: the user's permissions hide the title field everywhere, so only a typed record id finds a record.
            return choices;
        }

        choices.AddRange(page.Items.Where(item => item.Id != choices.FirstOrDefault()?.Id)
            .Select(item => Choice(item, titleField)));
        return choices;
    }

    /// <summary>Returns record <paramref name="id"/> of the field's related form if <paramref name="userId"/> may read it.</summary>
    public async Task<RelatedChoice?> FindAsync(
        FieldDefinition field, string userId, long id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(field);
        var titleField = await TitleFieldAsync(field, cancellationToken);
        var entry = await reader.GetAsync(userId, field.RelatedForm!, id, cancellationToken);
        return entry is null ? null : Choice(entry, titleField);
    }

    private async Task<string?> TitleFieldAsync(FieldDefinition field, CancellationToken cancellationToken)
    {
        var related = await setup.EnsureFormAsync(field.RelatedForm!, cancellationToken);
        return field.RelatedDisplayField ?? related?.TitleField ?? related?.Fields.FirstOrDefault()?.Id;
    }

    private static RelatedChoice Choice(RecordEntry entry, string? titleField)
    {
        var title = titleField is null ? null : entry.Data[titleField] switch
        {
            JsonValue value when value.TryGetValue<string>(out var text) => text,
            null => null,
            var other => other.ToJsonString(),
        };
        return new RelatedChoice(entry.Id, title ?? entry.SerialNumber);
    }
}

/// <summary>One record a related field offers: its id, which the field stores, and its title, if it has one.</summary>
public sealed record RelatedChoice(long Id, string? Title);
