using System.Text.Json.Nodes;
using WorkflowKit.Definitions.Conditions;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Permissions;
using WorkflowKit.Records;

namespace WorkflowKit.Forms;

/// <summary>
/// Data linkage: the options a field offers given the current value of its source field, from
/// a static map or from the records of another form. Validation accepts exactly these options.
/// </summary>
/// <remarks>
/// While the source field is empty the field offers all of its own options (none for a
/// records-based linkage). A source value missing from a static map offers nothing. Records of
/// another form are read through the user's permissions when a <see cref="RecordReader"/> and a
/// user are given, so a linkage never reveals values of records the user may not see.
/// </remarks>
public sealed class OptionLinkageService
{
    /// <summary>Maximum number of linked records read to build an option list.</summary>
    public const int MaxLinkedRecords = 1000;

    private readonly IRecordStore? _store;
    private readonly RecordReader? _reader;

    public OptionLinkageService(IRecordStore? store, RecordReader? reader)
    {
        _store = store;
        _reader = reader;
    }

    public async Task<IReadOnlyList<FieldOption>> GetOptionsAsync(
        FormDefinition form, string fieldId, JsonObject currentData, string? userId,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(currentData);
        var field = FindField(form.Fields, fieldId) ?? throw new ArgumentException(
            $"Form '{form.Key}' has no field '{fieldId}'.", nameof(fieldId));
        return await GetOptionsAsync(field, currentData, userId, cancellationToken).ConfigureAwait(false);
    }

    internal async Task<IReadOnlyList<FieldOption>> GetOptionsAsync(
        FieldDefinition field, JsonObject scopeData, string? userId, CancellationToken cancellationToken)
    {
        var own = field.Options ?? [];
        if (field.Linkage is not { } linkage)
        {
            return own;
        }

        var source = scopeData[linkage.SourceField];
        if (FieldValues.IsEmpty(source))
        {
            return linkage.Form is null ? own : [];
        }

        var sourceText = FieldValues.TryGetString(source, out var text) ? text : source!.ToJsonString();
        if (linkage.Map is { } map)
        {
            var allowed = map.GetValueOrDefault(sourceText) ?? [];
            var byValue = own.ToDictionary(option => option.Value, StringComparer.Ordinal);
            return [.. allowed.Select(value => byValue.GetValueOrDefault(value)
                ?? new FieldOption { Value = value, Label = new Definitions.LocalizedText(value) })];
        }

        if (linkage.Form is null || linkage.MatchField is null || linkage.ValueField is null)
        {
            throw new InvalidOperationException(
                $"The linkage of field '{field.Id}' needs either a map or form, matchField and valueField.");
        }

        var query = new RecordQuery(linkage.Form)
        {
            Filter = Condition.AllOf(new Rule
            {
                Field = linkage.MatchField, Operator = RuleOperators.Equal, Value = source!.DeepClone(),
            }),
            Limit = MaxLinkedRecords,
            CountTotal = false,
        };
        RecordPage page;
        if (_reader is not null && userId is not null)
        {
            page = await _reader.ListAsync(userId, query, cancellationToken).ConfigureAwait(false);
        }
        else if (_store is not null)
        {
            page = await _store.QueryAsync(query, null, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            throw new InvalidOperationException(
                $"Field '{field.Id}' takes its options from form '{linkage.Form}'; give OptionLinkageService a " +
                "record store or reader.");
        }

        return [.. page.Items
            .Select(item => item.Data[linkage.ValueField])
            .Where(value => !FieldValues.IsEmpty(value))
            .Select(value => FieldValues.TryGetString(value, out var s) ? s : value!.ToJsonString())
            .Distinct(StringComparer.Ordinal)
            .Select(value => new FieldOption { Value = value, Label = new Definitions.LocalizedText(value) })];
    }

    private static FieldDefinition? FindField(IEnumerable<FieldDefinition> fields, string fieldId)
    {
        foreach (var field in fields)
        {
            if (field.Id == fieldId)
            {
                return field;
            }

            if (field.Fields is { } columns && FindField(columns, fieldId) is { } column)
            {
                return column;
            }
        }

        return null;
    }
}
