using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using WorkflowKit.Definitions.Conditions;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Definitions.Packages;
using WorkflowKit.Expressions;
using WorkflowKit.Records;

namespace WorkflowKit.Permissions;

/// <summary>
/// Every way a user reads records: lists, saved views, detail, task view, search, export,
/// dashboard aggregates, related-record lookups and history. Each method resolves the same
/// <see cref="RecordAccess"/> scope and hands its row filter to the store, which translates it
/// to SQL together with the caller's filter; hidden fields are removed before anything leaves.
/// </summary>
/// <remarks>
/// Filtering, sorting, grouping or summing on a field only considers the records on which the
/// user may see that field. So a filter cannot reveal a hidden value by the rows it selects,
/// and a sum never includes a hidden value. Using a field hidden on every record the user can
/// see raises <see cref="UnauthorizedAccessException"/>.
/// </remarks>
public sealed class RecordReader
{
    private static readonly HashSet<string> SearchableTypes = new(StringComparer.Ordinal)
    {
        FieldTypes.Text, FieldTypes.LongText, FieldTypes.Serial, FieldTypes.SingleSelect, FieldTypes.MultiSelect,
    };

    private readonly IRecordStore _store;
    private readonly IRecordQueries _queries;
    private readonly IRecordFormRegistry _forms;
    private readonly RecordAccess _access;

    public RecordReader(IRecordStore store, IRecordQueries queries, IRecordFormRegistry forms, RecordAccess access)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentNullException.ThrowIfNull(forms);
        ArgumentNullException.ThrowIfNull(access);
        _store = store;
        _queries = queries;
        _forms = forms;
        _access = access;
    }

    /// <summary>A page of records the user may read, with hidden fields removed.</summary>
    public async Task<RecordPage> ListAsync(string userId, RecordQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var scope = await ResolveAsync(userId, query.FormKey, PermissionActions.Read, cancellationToken)
            .ConfigureAwait(false);
        if (!scope.IsGranted)
        {
            return new RecordPage([], 0);
        }

        var used = FieldsOf(query.Filter).Concat(FieldsOf(query.Where)).Concat(query.Sort.Select(order => order.Field));
        var page = await _store.QueryAsync(Restrict(scope, query, used), null, cancellationToken).ConfigureAwait(false);
        return new RecordPage(
            [.. page.Items.Select((item, index) => Strip(scope, item, page.Flags.Count > 0 ? page.Flags[index]
                : null))],
            page.Total)
        {
            TotalIsCapped = page.TotalIsCapped,
        };
    }

    /// <summary>A page of a saved view: its filter and sort, and only its columns in each record's data.</summary>
    public async Task<RecordPage> ListViewAsync(
        string userId, ViewDefinition view, int offset, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(view);
        var page = await ListAsync(
            userId,
            new RecordQuery(view.Form) { Filter = view.Filter, Sort = view.Sort ?? [], Offset = offset, Limit = limit },
            cancellationToken).ConfigureAwait(false);
        if (view.Columns.Count == 0)
        {
            return page;
        }

        var columns = new HashSet<string>(view.Columns, StringComparer.Ordinal);
        return page with
        {
            Items = [.. page.Items.Select(item => item with { Data = Project(item.Data, columns) })],
        };
    }

    /// <summary>One record, or null when it does not exist, was deleted, or the user may not read it.</summary>
    public async Task<RecordEntry?> GetAsync(
        string userId, string formKey, long recordId, CancellationToken cancellationToken)
    {
        var scope = await ResolveAsync(userId, formKey, PermissionActions.Read, cancellationToken)
            .ConfigureAwait(false);
        return await GetAsync(scope, recordId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A record as shown in a task: what <see cref="GetAsync(string, string, long, CancellationToken)"/>
    /// returns, less the fields the node hides.
    /// </summary>
    public async Task<RecordEntry?> GetForTaskAsync(
        string userId, string formKey, long recordId,
        IReadOnlyDictionary<string, Definitions.Flows.FieldPermission>? nodePermissions,
        CancellationToken cancellationToken)
    {
        var entry = await GetAsync(userId, formKey, recordId, cancellationToken).ConfigureAwait(false);
        return entry is null ? null : entry with { Data = Forms.FieldAccessFilter.Strip(entry.Data, nodePermissions) };
    }

    /// <summary>Records whose visible text fields contain <paramref name="text"/>, ignoring case.</summary>
    public async Task<RecordPage> SearchAsync(
        string userId, string formKey, string text, int offset, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        var scope = await ResolveAsync(userId, formKey, PermissionActions.Read, cancellationToken)
            .ConfigureAwait(false);
        if (!scope.IsGranted || text.Length == 0)
        {
            return new RecordPage([], 0);
        }

        var form = await RequireFormAsync(formKey, cancellationToken).ConfigureAwait(false);
        var matches = RecordFilter.Or(form.Fields
            .Where(field => SearchableTypes.Contains(field.Type))
            .Select(field => RecordFilter.And(
                RecordFilter.Compare(field.Id, RecordFilter.SearchOperator, text),
                scope.RowsShowing([field.Id]))));
        var query = new RecordQuery(formKey)
        {
            Where = RecordFilter.And(scope.Rows, matches),
            Flags = scope.HidesUniformly ? [] : [.. scope.Grants.Select(grant => grant.Rows)],
            Offset = offset,
            Limit = limit,
        };
        var page = await _store.QueryAsync(query, null, cancellationToken).ConfigureAwait(false);
        return new RecordPage(
            [.. page.Items.Select((item, index) => Strip(scope, item, page.Flags.Count > 0 ? page.Flags[index]
                : null))],
            page.Total);
    }

    /// <summary>
    /// Streams the records the user may export (rules granting "export"), hidden fields removed.
    /// Use <see cref="GetExportFieldsAsync"/> for the columns.
    /// </summary>
    public async IAsyncEnumerable<RecordEntry> ExportAsync(
        string userId, string formKey, Condition? filter, IReadOnlyList<SortOrder>? sort,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var scope = await ResolveAsync(userId, formKey, PermissionActions.Export, cancellationToken)
            .ConfigureAwait(false);
        if (!scope.IsGranted)
        {
            throw new UnauthorizedAccessException(
                $"User '{userId}' may not export records of form '{formKey}'; ask an administrator for a permission " +
                "rule with the \"export\" action.");
        }

        var query = new RecordQuery(formKey) { Filter = filter, Sort = sort ?? [] };
        var used = FieldsOf(filter).Concat(query.Sort.Select(order => order.Field));
        await foreach (var match in _queries.StreamAsync(Restrict(scope, query, used), cancellationToken)
                           .ConfigureAwait(false))
        {
            yield return Strip(scope, match.Record, match.Flags);
        }
    }

    /// <summary>The fields an export shows: those not hidden on every record the user may export.</summary>
    public async Task<IReadOnlyList<FieldDefinition>> GetExportFieldsAsync(
        string userId, string formKey, CancellationToken cancellationToken)
    {
        var scope = await ResolveAsync(userId, formKey, PermissionActions.Export, cancellationToken)
            .ConfigureAwait(false);
        var form = await RequireFormAsync(formKey, cancellationToken).ConfigureAwait(false);
        return scope.IsGranted ? [.. form.Fields.Where(field => !scope.IsHiddenEverywhere(field.Id))] : [];
    }

    /// <summary>
    /// Counts and sums for dashboards. Each sum covers only the records on which the user sees
    /// both the summed field and the group field; counts cover the records on which the group
    /// field is visible. Summing or grouping on a field hidden on every record raises
    /// <see cref="UnauthorizedAccessException"/>.
    /// </summary>
    public async Task<IReadOnlyList<RecordAggregateRow>> AggregateAsync(
        string userId, string formKey, string? groupBy, IReadOnlyList<string> sum, Condition? filter,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sum);
        var scope = await ResolveAsync(userId, formKey, PermissionActions.Read, cancellationToken)
            .ConfigureAwait(false);
        if (!scope.IsGranted)
        {
            return [];
        }

        var grouping = groupBy is null ? [] : new[] { groupBy };
        var filterFields = FieldsOf(filter).ToList();
        var userFilter = ConditionFilters.FromCondition(filter, scope.User);
        foreach (var field in grouping.Concat(sum).Concat(filterFields))
        {
            RejectHidden(scope, field);
        }

        var counts = await _queries.AggregateAsync(
            new RecordAggregateQuery(formKey)
            {
                GroupBy = groupBy,
                Where = RecordFilter.And(userFilter, scope.RowsShowing(grouping.Concat(filterFields))),
            },
            null, cancellationToken).ConfigureAwait(false);
        var sums = new Dictionary<string, Dictionary<string, decimal>>(StringComparer.Ordinal);
        foreach (var field in sum)
        {
            var rows = await _queries.AggregateAsync(
                new RecordAggregateQuery(formKey)
                {
                    GroupBy = groupBy,
                    Sum = [field],
                    Where = RecordFilter.And(
                        userFilter, scope.RowsShowing(grouping.Concat(filterFields).Append(field))),
                },
                null, cancellationToken).ConfigureAwait(false);
            foreach (var row in rows)
            {
                var key = row.Key?.ToJsonString() ?? string.Empty;
                if (!sums.TryGetValue(key, out var byField))
                {
                    sums[key] = byField = new Dictionary<string, decimal>(StringComparer.Ordinal);
                }

                byField[field] = row.Sums[field];
            }
        }

        return [.. counts.Select(row =>
        {
            var byField = sums.GetValueOrDefault(row.Key?.ToJsonString() ?? string.Empty);
            return row with
            {
                Sums = sum.ToDictionary(field => field, field => byField?.GetValueOrDefault(field) ?? 0m,
                    StringComparer.Ordinal),
            };
        })];
    }

    /// <summary>
    /// Candidates for a related-record field: records of its related form that the user may
    /// read, whose title contains <paramref name="search"/>.
    /// </summary>
    public async Task<IReadOnlyList<RecordLookupItem>> LookupAsync(
        string userId, FormDefinition form, string fieldId, string? search, int limit,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var field = form.Fields.FirstOrDefault(candidate => candidate.Id == fieldId
            && candidate.Type == FieldTypes.Related)
            ?? throw new ArgumentException(
                $"'{fieldId}' is not a related-record field of form '{form.Key}'.", nameof(fieldId));
        var relatedKey = field.RelatedForm ?? throw new ArgumentException(
            $"Related-record field '{fieldId}' of form '{form.Key}' names no relatedForm.", nameof(fieldId));
        var related = await RequireFormAsync(relatedKey, cancellationToken).ConfigureAwait(false);
        var titleField = field.RelatedDisplayField ?? related.TitleField;

        var page = string.IsNullOrEmpty(search) || titleField is null
            ? await ListAsync(userId, new RecordQuery(relatedKey) { Limit = limit }, cancellationToken)
                .ConfigureAwait(false)
            : await ListAsync(
                userId,
                new RecordQuery(relatedKey)
                {
                    Filter = Condition.AllOf(new Rule
                    {
                        Field = titleField, Operator = RuleOperators.Contains, Value = search,
                    }),
                    Limit = limit,
                },
                cancellationToken).ConfigureAwait(false);
        return [.. page.Items.Select(item => new RecordLookupItem(item.Id, item.SerialNumber, TitleOf(item,
            titleField)))];
    }

    /// <summary>The audit trail of a record the user may read, with hidden fields removed; empty otherwise.</summary>
    public async Task<IReadOnlyList<RecordAuditEntry>> GetHistoryAsync(
        string userId, string formKey, long recordId, CancellationToken cancellationToken)
    {
        var scope = await ResolveAsync(userId, formKey, PermissionActions.Read, cancellationToken)
            .ConfigureAwait(false);
        var (entry, hidden) = await FindVisibleAsync(scope, recordId, cancellationToken).ConfigureAwait(false);
        if (entry is null)
        {
            return [];
        }

        var history = await _queries.GetHistoryAsync(formKey, recordId, cancellationToken).ConfigureAwait(false);
        return [.. history.Select(audit => audit with
        {
            Snapshot = Without(audit.Snapshot, hidden),
            Changes = [.. audit.Changes.Where(change => !hidden.Contains(change.Field)).Select(change => change with
            {
                OldValue = WithoutColumns(change.Field, change.OldValue, hidden),
                NewValue = WithoutColumns(change.Field, change.NewValue, hidden),
            })],
        })];
    }

    /// <summary>Resolves the scope for an action; exposed for write paths that check the same rules.</summary>
    public Task<RecordAccessScope> ResolveAsync(
        string userId, string formKey, string action, CancellationToken cancellationToken) =>
        _access.ResolveAsync(userId, formKey, action, cancellationToken);

    internal async Task<RecordEntry?> GetAsync(RecordAccessScope scope, long recordId,
        CancellationToken cancellationToken)
    {
        var (entry, _) = await FindVisibleAsync(scope, recordId, cancellationToken).ConfigureAwait(false);
        return entry;
    }

    private async Task<(RecordEntry? Entry, IReadOnlySet<string> Hidden)> FindVisibleAsync(
        RecordAccessScope scope, long recordId, CancellationToken cancellationToken)
    {
        var none = (default(RecordEntry), (IReadOnlySet<string>)new HashSet<string>());
        if (!scope.IsGranted)
        {
            return none;
        }

        var page = await _store.QueryAsync(
            new RecordQuery(scope.FormKey)
            {
                Where = RecordFilter.And(RecordFilter.Compare(RecordSystemFields.Id, RuleOperators.Equal, recordId),
                    scope.Rows),
                Flags = scope.HidesUniformly ? [] : [.. scope.Grants.Select(grant => grant.Rows)],
                Limit = 1,
                CountTotal = false,
            },
            null, cancellationToken).ConfigureAwait(false);
        if (page.Items.Count == 0)
        {
            return none;
        }

        var hidden = scope.HiddenFields(page.Flags.Count > 0 ? page.Flags[0] : null);
        return (Strip(page.Items[0], hidden), hidden);
    }

    private static RecordQuery Restrict(RecordAccessScope scope, RecordQuery query, IEnumerable<string> usedFields)
    {
        var used = usedFields.Distinct(StringComparer.Ordinal).ToList();
        foreach (var field in used)
        {
            RejectHidden(scope, field);
        }

        // The caller's condition is translated here, with the user, so that "valueFrom": "user.region"
        // in a saved view means the reader's region.
        return query with
        {
            Filter = null,
            Where = RecordFilter.And(
                ConditionFilters.FromCondition(query.Filter, scope.User),
                query.Where ?? RecordFilter.True,
                scope.RowsShowing(used)),
            Flags = scope.HidesUniformly ? [] : [.. scope.Grants.Select(grant => grant.Rows)],
        };
    }

    private static void RejectHidden(RecordAccessScope scope, string field)
    {
        if (!RecordSystemFields.All.Contains(field) && scope.IsHiddenEverywhere(field))
        {
            throw new UnauthorizedAccessException(
                $"Field '{field}' of form '{scope.FormKey}' is hidden from user '{scope.User?.Id}'; it cannot be " +
                "used to filter, sort, group or sum.");
        }
    }

    private static RecordEntry Strip(RecordAccessScope scope, RecordEntry entry, IReadOnlyList<bool>? flags) =>
        Strip(entry, scope.HiddenFields(flags));

    private static RecordEntry Strip(RecordEntry entry, IReadOnlySet<string> hidden)
    {
        if (hidden.Count == 0)
        {
            return entry;
        }

        var serialHidden = entry.SerialNumber is not null && entry.Data.Any(pair =>
            hidden.Contains(pair.Key) && pair.Value is JsonValue value &&
            value.TryGetValue<string>(out var text) && text == entry.SerialNumber);
        return entry with { Data = Without(entry.Data, hidden), SerialNumber = serialHidden ? null
            : entry.SerialNumber };
    }

    private static JsonObject Without(JsonObject data, IReadOnlySet<string> hidden)
    {
        var copy = new JsonObject();
        foreach (var (key, value) in data)
        {
            if (!hidden.Contains(key))
            {
                copy[key] = WithoutColumns(key, value, hidden);
            }
        }

        return copy;
    }

    /// <summary>
    /// Copies a field's value. The rows of a sub-table lose the columns hidden as <c>table.column</c>, such as
    /// <c>lines.unitPrice</c>.
    /// </summary>
    private static JsonNode? WithoutColumns(string field, JsonNode? value, IReadOnlySet<string> hidden)
    {
        if (value is not JsonArray rows)
        {
            return value?.DeepClone();
        }

        var prefix = field + ".";
        var columns = hidden.Where(path => path.StartsWith(prefix, StringComparison.Ordinal))
            .Select(path => path[prefix.Length..])
            .ToHashSet(StringComparer.Ordinal);
        if (columns.Count == 0)
        {
            return rows.DeepClone();
        }

        var copy = new JsonArray();
        foreach (var row in rows)
        {
            if (row is not JsonObject cells)
            {
                copy.Add(row?.DeepClone());
                continue;
            }

            var visible = new JsonObject();
            foreach (var (column, cell) in cells)
            {
                if (!columns.Contains(column))
                {
                    visible[column] = cell?.DeepClone();
                }
            }

            copy.Add(visible);
        }

        return copy;
    }

    private static JsonObject Project(JsonObject data, IReadOnlySet<string> columns)
    {
        var copy = new JsonObject();
        foreach (var (key, value) in data)
        {
            if (columns.Contains(key))
            {
                copy[key] = value?.DeepClone();
            }
        }

        return copy;
    }

    /// <summary>
    /// Lists the fields a filter reads, so that a filter on a hidden field is rejected. A JavaScript filter lists
    /// every <c>form.x</c> it reads, including comparisons with user values that a user without the value drops.
    /// </summary>
    private static IEnumerable<string> FieldsOf(Condition? condition)
    {
        if (!string.IsNullOrWhiteSpace(condition?.JavaScript))
        {
            // The filter itself reports a syntax error with its place, so a script that does not parse lists nothing.
            return ExpressionSyntax.Check(condition.JavaScript).Count > 0
                ? []
                : JavaScriptDependencies.Find(condition.JavaScript)
                    .Where(path => path != JavaScriptDependencies.AnyField && !path.Contains('.', StringComparison.Ordinal));
        }

        return condition?.Any?.SelectMany(group => group.All)
            .SelectMany(rule => rule.ValueField is null ? [rule.Field] : new[] { rule.Field, rule.ValueField })
            ?? [];
    }

    private static IEnumerable<string> FieldsOf(RecordFilter? filter) => filter switch
    {
        RecordFilterRule rule => rule.ValueField is null ? [rule.Field] : [rule.Field, rule.ValueField],
        RecordFilterAnd and => and.Items.SelectMany(FieldsOf),
        RecordFilterOr or => or.Items.SelectMany(FieldsOf),
        RecordFilterNot not => FieldsOf(not.Item),
        _ => [],
    };

    private static string TitleOf(RecordEntry entry, string? titleField) =>
        titleField is not null && entry.Data[titleField] is JsonValue value
            ? value.TryGetValue<string>(out var text) ? text : value.ToJsonString()
            : entry.SerialNumber ?? "#" + entry.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private async Task<FormDefinition> RequireFormAsync(string formKey, CancellationToken cancellationToken) =>
        await _forms.FindFormAsync(formKey, cancellationToken).ConfigureAwait(false)
        ?? throw new ArgumentException($"Form '{formKey}' is not registered with the record store.", nameof(formKey));

}
