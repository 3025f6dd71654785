using System.Globalization;
using System.Text.Json.Nodes;
using WorkflowKit.Definitions.Conditions;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Forms;
using WorkflowKit.Records;
using WorkflowKit.Storage;

namespace WorkflowKit.Import;

/// <summary>
/// Finds the stored record that an upsert row updates: the record that has the row's value of a unique field or of a
/// serial number field. Fields whose column the file lacks, whose cell is empty or whose cell failed are not compared.
/// </summary>
internal sealed class ImportKeyMatch
{
    private readonly FormDefinition _form;
    private readonly IRecordStore _store;
    private readonly IReadOnlyList<(string Header, FieldDefinition Field)> _keys;

    private ImportKeyMatch(
        FormDefinition form, IRecordStore store, IReadOnlyList<(string Header, FieldDefinition Field)> keys)
    {
        _form = form;
        _store = store;
        _keys = keys;
    }

    /// <summary>The key fields of a form: its unique fields and serial number fields, outside sub-tables.</summary>
    public static IReadOnlyList<FieldDefinition> KeyFields(FormDefinition form) =>
        [.. form.Fields.Where(field => field.Type != FieldTypes.SubTable &&
            (field.Unique || field.UniqueAcrossRecords || field.SerialPattern is not null))];

    /// <summary>Creates the matcher of one upsert.</summary>
    /// <exception cref="InvalidDataException">
    /// The form has no key field, or the file has no column of one, so that no row could match a record.
    /// </exception>
    public static ImportKeyMatch Create(
        FormDefinition form, string file, IRecordStore store,
        IReadOnlyList<(int Index, string Header, FieldDefinition Field)> columns, CultureInfo culture)
    {
        var keyFields = KeyFields(form);
        if (keyFields.Count == 0)
        {
            throw new InvalidDataException(ImportMessages.UpsertWithoutKeyField(form.Key, culture));
        }

        var keys = columns.Where(column => keyFields.Contains(column.Field))
            .Select(column => (column.Header, column.Field))
            .ToList();
        if (keys.Count == 0)
        {
            var names = keyFields.Select(field => $"{field.Label.Get(culture.Name)} ({field.Id})");
            throw new InvalidDataException(ImportMessages.UpsertWithoutKeyColumn(file, names, culture));
        }

        return new ImportKeyMatch(form, store, keys);
    }

    /// <summary>
    /// Returns the record that the row's key values name, or null when none does. A row whose key values name two
    /// records gets an error message in place of a record.
    /// </summary>
    public async Task<(RecordEntry? Record, string? Conflict)> FindAsync(
        string file, long row, JsonObject data, IReadOnlySet<string> failed, IStorageTransaction? transaction,
        CultureInfo culture, CancellationToken cancellationToken)
    {
        RecordEntry? found = null;
        string? foundBy = null;
        foreach (var (header, field) in _keys)
        {
            if (failed.Contains(field.Id) || data[field.Id] is not JsonValue value || FieldValues.IsEmpty(value))
            {
                continue;
            }

            var query = new RecordQuery(_form.Key)
            {
                Filter = Condition.AllOf(new Rule
                {
                    Field = field.Id, Operator = RuleOperators.Equal, Value = value.DeepClone(),
                }),
                Limit = 1,
                CountTotal = false,
            };
            var page = await _store.QueryAsync(query, transaction, cancellationToken).ConfigureAwait(false);
            if (page.Items.Count == 0)
            {
                continue;
            }

            var record = page.Items[0];
            if (found is not null && found.Id != record.Id)
            {
                return (null, ImportMessages.KeysNameTwoRecords(
                    ImportMessages.Location(file, row, null, null, culture), foundBy!, found.Id, header, record.Id,
                    culture));
            }

            found = record;
            foundBy ??= header;
        }

        return (found, null);
    }
}
