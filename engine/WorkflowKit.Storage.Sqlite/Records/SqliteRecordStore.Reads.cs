using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json.Nodes;
using Dapper;
using Microsoft.Data.Sqlite;
using WorkflowKit.Definitions.Conditions;
using WorkflowKit.Definitions.Packages;
using WorkflowKit.Records;

namespace WorkflowKit.Storage.Sqlite.Records;

public sealed partial class SqliteRecordStore
{
    private const string DecimalSumFunction = "wk_decimal_sum";

    public async Task<RecordEntry?> GetAsync(
        string formKey, long recordId, IStorageTransaction? transaction, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(formKey);
        var (connection, dbTransaction, owned) = await ConnectAsync(transaction, cancellationToken)
            .ConfigureAwait(false);
        try
        {
            return await ReadOneAsync(connection, dbTransaction, formKey, recordId).ConfigureAwait(false);
        }
        finally
        {
            if (owned)
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    public async Task<RecordPage> QueryAsync(
        RecordQuery query, IStorageTransaction? transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegative(query.Offset);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(query.Limit);
        if (query.AfterId is not null && query.Sort.Count > 0)
        {
            throw new ArgumentException(
                $"AfterId pages the newest-first order only, but the query on form '{query.FormKey}' sorts by " +
                $"'{query.Sort[0].Field}'; page a sorted list with Offset instead.", nameof(query));
        }

        var form = await RequireInfoAsync(query.FormKey, cancellationToken).ConfigureAwait(false);
        var parameters = new List<(string Name, object? Value)> { ("@form", form.Key) };
        var translator = new SqliteFilterTranslator(form, parameters, "@form");
        var filter = Combine(query.Filter, query.Where);
        var scan = query.Sort.Count == 0
            ? SqliteRecordScan.InIdOrder(translator, filter, query.IncludeDeleted)
            : SqliteRecordScan.Lookup(translator, filter, query.IncludeDeleted);
        var page = query.AfterId is { } afterId
            ? scan with { Where = $"{scan.Where} AND {scan.IdColumn} < {translator.Parameter(afterId)}" }
            : scan;
        var select = BuildSelect(translator, form, page, query.Flags, query.Sort, newestFirst: true);
        select.Append(" LIMIT ").Append(translator.Parameter(query.Limit))
            .Append(" OFFSET ").Append(translator.Parameter(query.Offset));

        // A capped count stops early on the page's scan. An exact count visits every match, and without a driving
        // rule the id lookups beat probing every record of the form.
        var count = scan.IsDriven || (query.Sort.Count == 0 && query.CountLimit is not null)
            ? scan
            : SqliteRecordScan.Lookup(translator, filter, query.IncludeDeleted);

        var (connection, dbTransaction, owned) = await ConnectAsync(transaction, cancellationToken)
            .ConfigureAwait(false);
        try
        {
            var items = new List<RecordEntry>();
            var flags = new List<IReadOnlyList<bool>>();
            var command = PreparedCommands.Get(
                (SqliteConnection)connection, (SqliteTransaction?)dbTransaction, select.ToString(), [.. parameters]);
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    items.Add(ReadEntry(reader));
                    flags.Add(ReadFlags(reader, query.Flags.Count));
                }
            }

            var total = query.CountTotal
                ? (long)(await PreparedCommands.Get(
                    (SqliteConnection)connection, (SqliteTransaction?)dbTransaction,
                    count.CountSql(query.CountLimit), [.. Used(parameters, count.Where)])
                    .ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!
                : -1;
            return new RecordPage(items, total)
            {
                Flags = query.Flags.Count == 0 ? [] : flags,
                TotalIsCapped = query.CountTotal && total >= query.CountLimit,
            };
        }
        finally
        {
            if (owned)
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    public async IAsyncEnumerable<RecordMatch> StreamAsync(
        RecordQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var form = await RequireInfoAsync(query.FormKey, cancellationToken).ConfigureAwait(false);
        var parameters = new List<(string Name, object? Value)> { ("@form", form.Key) };
        var translator = new SqliteFilterTranslator(form, parameters, "@form");
        var scan = SqliteRecordScan.Lookup(translator, Combine(query.Filter, query.Where), query.IncludeDeleted);
        var select = BuildSelect(translator, form, scan, query.Flags, query.Sort, newestFirst: false);

        await using var connection = (SqliteConnection)await _database.OpenConnectionAsync(cancellationToken)
            .ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = select.ToString();
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return new RecordMatch(ReadEntry(reader), ReadFlags(reader, query.Flags.Count));
        }
    }

    public async Task<IReadOnlyList<RecordAggregateRow>> AggregateAsync(
        RecordAggregateQuery query, IStorageTransaction? transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var form = await RequireInfoAsync(query.FormKey, cancellationToken).ConfigureAwait(false);
        foreach (var field in query.Sum)
        {
            if (form.KindOf(field) != ValueKind.Number)
            {
                throw new ArgumentException(
                    $"Cannot sum '{field}' of form '{form.Key}': only number, money and formula fields can be summed.",
                    nameof(query));
            }
        }

        var parameters = new List<(string Name, object? Value)> { ("@form", form.Key) };
        var translator = new SqliteFilterTranslator(form, parameters, "@form");
        var where = BuildWhere(translator, query.Filter, query.Where, includeDeleted: false);
        var sql = new StringBuilder("SELECT ");
        sql.Append(query.GroupBy is { } groupBy ? translator.JsonColumn(groupBy)
            : "NULL").Append(" AS k, COUNT(*) AS n");
        for (var i = 0; i < query.Sum.Count; i++)
        {
            sql.Append(CultureInfo.InvariantCulture,
                $", {DecimalSumFunction}({translator.JsonColumn(query.Sum[i])}) AS s{i}");
        }

        sql.Append(" FROM records r WHERE ").Append(where).Append(" GROUP BY k ORDER BY k");

        var (connection, dbTransaction, owned) = await ConnectAsync(transaction, cancellationToken)
            .ConfigureAwait(false);
        try
        {
            RegisterDecimalSum(connection);
            var rows = new List<RecordAggregateRow>();
            await using var reader = await PreparedCommands.Get(
                (SqliteConnection)connection, (SqliteTransaction?)dbTransaction, sql.ToString(), [.. parameters])
                .ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var key = reader.IsDBNull(0) ? null : JsonNode.Parse(reader.GetString(0));
                var sums = new Dictionary<string, decimal>(StringComparer.Ordinal);
                for (var i = 0; i < query.Sum.Count; i++)
                {
                    sums[query.Sum[i]] = decimal.Parse(reader.GetString(2 + i), NumberStyles.Float,
                        CultureInfo.InvariantCulture);
                }

                rows.Add(new RecordAggregateRow(key, reader.GetInt64(1), sums));
            }

            return rows;
        }
        finally
        {
            if (owned)
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    public async Task<IReadOnlyList<RecordAuditEntry>> GetHistoryAsync(
        string formKey, long recordId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(formKey);
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var audits = (await connection.QueryAsync<AuditRow>(
            "SELECT id AS Id, version AS Version, action AS Action, user_id AS UserId, instance_id AS InstanceId, " +
            "at AS At, snapshot AS Snapshot FROM record_audit WHERE form_key = @Form AND record_id = @Id ORDER BY id",
            new { Form = formKey, Id = recordId }).ConfigureAwait(false)).ToList();
        var changes = (await connection.QueryAsync<ChangeRow>(
            "SELECT c.audit_id AS AuditId, c.field_id AS FieldId, c.old_value AS OldValue, c.new_value AS NewValue " +
            "FROM record_changes c JOIN record_audit a ON a.id = c.audit_id " +
            "WHERE a.form_key = @Form AND a.record_id = @Id ORDER BY c.audit_id, c.field_id",
            new { Form = formKey, Id = recordId }).ConfigureAwait(false)).ToLookup(change => change.AuditId);

        return [.. audits.Select(audit => new RecordAuditEntry(
            audit.Id, formKey, recordId, audit.Version, audit.Action, audit.UserId, audit.InstanceId,
            ParseTimestamp(audit.At), (JsonObject)JsonNode.Parse(audit.Snapshot)!,
            [.. changes[audit.Id].Select(change => new RecordFieldChange(
                change.FieldId,
                change.OldValue is null ? null : JsonNode.Parse(change.OldValue),
                change.NewValue is null ? null : JsonNode.Parse(change.NewValue)))]))];
    }

    private static string BuildWhere(
        SqliteFilterTranslator translator, Condition? filter, RecordFilter? where,
        bool includeDeleted)
    {
        var combined = RecordFilter.And(ConditionFilters.FromCondition(filter, user: null), where ?? RecordFilter.True);
        var sql = "r.form_key = @form";
        if (!includeDeleted)
        {
            sql += " AND r.deleted = 0";
        }

        return combined is RecordFilterConstant { Value: true } ? sql : sql + " AND " + translator.Translate(combined);
    }

    private static RecordFilter Combine(Condition? filter, RecordFilter? where) =>
        RecordFilter.And(ConditionFilters.FromCondition(filter, user: null), where ?? RecordFilter.True);

    private static StringBuilder BuildSelect(
        SqliteFilterTranslator translator, RecordFormInfo form, SqliteRecordScan scan,
        IReadOnlyList<RecordFilter> flags, IReadOnlyList<SortOrder> sort, bool newestFirst)
    {
        var sql = new StringBuilder("SELECT ").Append(RecordColumns);

        // A flag only classifies rows that match, so it probes the index table by the row's id instead of
        // collecting every id its rules match.
        for (var i = 0; i < flags.Count; i++)
        {
            sql.Append(CultureInfo.InvariantCulture,
                $", CASE WHEN {translator.TranslateCorrelated(flags[i])} THEN 1 ELSE 0 END");
        }

        sql.Append(" FROM ").Append(scan.From);
        var order = new List<string>();
        for (var i = 0; i < sort.Count; i++)
        {
            var key = sort[i];
            string column;
            if (form.IsIndexed(key.Field))
            {
                var alias = "s" + i.ToString(CultureInfo.InvariantCulture);
                sql.Append(CultureInfo.InvariantCulture,
                    $" LEFT JOIN record_values {alias} ON {alias}.record_id = r.id AND {alias}.field_id = " +
                    $"{translator.Parameter(key.Field)}");
                column = alias + ".value";
            }
            else
            {
                column = translator.Column(key.Field);
            }

            order.Add(column + (key.Descending ? " DESC" : " ASC"));
        }

        order.Add(newestFirst && sort.Count == 0 ? scan.IdColumn + " DESC" : "r.id ASC");
        sql.Append(" WHERE ").Append(scan.Where).Append(" ORDER BY ").Append(string.Join(", ", order));
        return sql;
    }

    /// <summary>The parameters that a SQL text refers to; the count query uses fewer than the page query.</summary>
    private static IEnumerable<(string Name, object? Value)> Used(
        IEnumerable<(string Name, object? Value)> parameters, string sql) =>
        parameters.Where(parameter => System.Text.RegularExpressions.Regex.IsMatch(
            sql, System.Text.RegularExpressions.Regex.Escape(parameter.Name) + @"(?![0-9A-Za-z_])"));

    private static async Task<RecordEntry?> ReadOneAsync(
        DbConnection connection, DbTransaction? transaction, string formKey, long recordId)
    {
        await using var reader = await connection.ExecuteReaderAsync(
            $"SELECT {RecordColumns} FROM records r WHERE r.form_key = @Form AND r.id = @Id",
            new { Form = formKey, Id = recordId }, transaction).ConfigureAwait(false);
        return await reader.ReadAsync().ConfigureAwait(false) ? ReadEntry(reader) : null;
    }

    private static RecordEntry ReadEntry(DbDataReader reader) => new(
        reader.GetString(1),
        reader.GetInt64(0),
        reader.GetInt64(2),
        (JsonObject)JsonNode.Parse(reader.GetString(3))!,
        reader.IsDBNull(4) ? null : reader.GetString(4),
        reader.GetString(5),
        ParseTimestamp(reader.GetString(6)),
        ParseTimestamp(reader.GetString(7)),
        reader.IsDBNull(8) ? null : reader.GetString(8),
        reader.GetInt64(9) != 0);

    private static bool[] ReadFlags(DbDataReader reader, int count)
    {
        var flags = new bool[count];
        for (var i = 0; i < count; i++)
        {
            flags[i] = reader.GetInt64(10 + i) != 0;
        }

        return flags;
    }

    private async Task<(DbConnection Connection, DbTransaction? Transaction, bool Owned)> ConnectAsync(
        IStorageTransaction? transaction, CancellationToken cancellationToken)
    {
        if (transaction is not null)
        {
            return (transaction.Connection, transaction.Transaction, false);
        }

        var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return (connection, null, true);
    }

    private static void RegisterDecimalSum(DbConnection connection) =>
        ((SqliteConnection)connection).CreateAggregate<string?, decimal, string>(
            DecimalSumFunction,
            0m,
            (sum, json) => json is not null &&
                           decimal.TryParse(json, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
                ? sum + value
                : sum,
            sum => sum.ToString(CultureInfo.InvariantCulture),
            isDeterministic: true);

    private sealed record AuditRow(
        long Id, long Version, string Action, string UserId, string? InstanceId, string At, string Snapshot);

    private sealed record ChangeRow(long AuditId, string FieldId, string? OldValue, string? NewValue);
}
