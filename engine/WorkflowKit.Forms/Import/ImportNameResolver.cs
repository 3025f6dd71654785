using System.Globalization;
using System.Text.Json.Nodes;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Organization;

namespace WorkflowKit.Import;

/// <summary>
/// Turns the display names that ERP and spreadsheet exports put in member and department cells into ids, for one
/// import. A value that is an id stays as it is, even when it is also someone's name. A name of exactly one user or
/// department becomes that id. A name of several is an "ambiguous" row error that lists their ids. A value that
/// matches nothing is left for the validator's "exists" check. Look-ups are cached per value for the import.
/// </summary>
/// <remarks>
/// NOTE: member and department columns inside a sub-table's JSON cell are not resolved, so they still need ids.
/// </remarks>
internal sealed class ImportNameResolver(IOrganizationDirectory? directory)
{
    /// <summary>The code of the row error for a name shared by several users or departments.</summary>
    public const string AmbiguousCode = "ambiguous";

    private readonly Dictionary<(bool Department, string Value), IReadOnlyList<string>> _matches = [];

    /// <summary>
    /// Replaces names by ids in the member and department values of <paramref name="data"/>, returning an error per
    /// ambiguous name and adding the fields with one to <paramref name="unread"/>.
    /// </summary>
    public async Task<List<ImportRowError>> ResolveAsync(
        string file, ImportSourceRow row, IReadOnlyList<(int Index, string Header, FieldDefinition Field)> columns,
        JsonObject data, ISet<string> unread, CultureInfo culture, CancellationToken cancellationToken)
    {
        var errors = new List<ImportRowError>();
        if (directory is null)
        {
            return errors;
        }

        foreach (var (index, header, field) in columns)
        {
            if (field.Type is not (FieldTypes.Member or FieldTypes.Department) || data[field.Id] is not { } value)
            {
                continue;
            }

            var department = field.Type == FieldTypes.Department;
            var items = value is JsonArray array ? [.. array] : new List<JsonNode?> { value };
            var resolved = new JsonArray();
            foreach (var item in items)
            {
                var text = item?.GetValue<string>() ?? string.Empty;
                var ids = await MatchAsync(department, text, cancellationToken).ConfigureAwait(false);
                if (ids.Count > 1)
                {
                    var location = ImportMessages.Location(file, row.Row, header, field.Id, culture, index);
                    var message = ImportMessages.AmbiguousName(location, text, department, ids, culture);
                    errors.Add(new ImportRowError(row.Row, header, text, field.Id, AmbiguousCode, message)
                    {
                        File = file,
                    });
                    unread.Add(field.Id);
                }

                resolved.Add(ids.Count == 1 ? ids[0] : text);
            }

            if (!unread.Contains(field.Id))
            {
                data[field.Id] = value is JsonArray ? resolved : resolved[0]!.DeepClone();
            }
        }

        return errors;
    }

    /// <summary>
    /// Returns the ids <paramref name="value"/> stands for: itself when it is an id, else the ids of the users or
    /// departments with that name, which may be none.
    /// </summary>
    private async Task<IReadOnlyList<string>> MatchAsync(bool department, string value, CancellationToken token)
    {
        if (value.Length == 0)
        {
            return [];
        }

        if (_matches.TryGetValue((department, value), out var cached))
        {
            return cached;
        }

        IReadOnlyList<string> ids = department
            ? await directory!.FindDepartmentAsync(value, token).ConfigureAwait(false) is not null
                ? [value]
                : [.. (await directory.FindDepartmentsByNameAsync(value, token).ConfigureAwait(false))
                    .Select(found => found.Id)]
            : await directory!.FindUserAsync(value, token).ConfigureAwait(false) is not null
                ? [value]
                : [.. (await directory.FindUsersByNameAsync(value, token).ConfigureAwait(false))
                    .Select(found => found.Id)];
        _matches[(department, value)] = ids;
        return ids;
    }
}
