using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json.Nodes;
using Dapper;
using Npgsql;
using WorkflowKit.Definitions.Packages;
using WorkflowKit.Records;

namespace WorkflowKit.Storage.PostgreSql.Records;

/// <summary>Pages, streams, aggregates and the audit trail of records.</summary>
public sealed partial class PostgresRecordStore
{
    public async Task<RecordEntry?> GetAsync(
        string formKey, long recordId, IStorageTransaction? transaction, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(formKey);
        var (connection, dbTransaction, owned) = await ConnectAsync(transaction, cancellationToken)
            .ConfigureAwait(false);
        try
        {
            return await ReadOneAsync(connection, dbTransaction, formKey, recordId, forUpdate: false,
                cancellationToken).ConfigureAwait(false);
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
        var form = await RequireInfoAsync(query.FormKey, cancellationToken).ConfigureAwait(false);
        var parameters = new List<(string Name, object? Value)> { ("@form", form.Key) };
        var translator = new PostgresFilterTranslator(form, parameters);
        if (query.AfterId is not null && query.Sort.Count > 0)
        {
            throw new ArgumentException(
                $"AfterId pages the newest-first order only, but the query on form '{query.FormKey}' sorts by " +
                $"'{query.Sort[0].Field}'; page a sorted list with Offset instead.", nameof(query));
        }

        var where = BuildWhere(translator, query.Filter, query.Where, query.IncludeDeleted);
        var pageWhere = query.AfterId is { } afterId ? $"{where} AND r.id < {translator.Parameter(afterId)}" : where;
        var select = BuildSelect(translator, pageWhere, query.Flags, query.Sort, newestFirst: true);
        select.Append(" LIMIT ").Append(translator.Parameter(query.Limit))
            .Append(" OFFSET ").Append(translator.Parameter(query.Offset));

        var (connection, dbTransaction, owned) = await ConnectAsync(transaction, cancellationToken)
            .ConfigureAwait(false);
        try
        {
            var items = new List<RecordEntry>();
            var flags = new List<IReadOnlyList<bool>>();
            await using (var command = Command(connection, dbTransaction, select.ToString(), parameters))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    items.Add(ReadEntry(reader));
                    flags.Add(ReadFlags(reader, query.Flags.Count));
                }
            }

            var total = -1L;
            if (query.CountTotal)
            {
                await using var count = Command(
                    connection, dbTransaction, RecordPage.CountSql(where, query.CountLimit), parameters);
                total = (long)(await count.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
            }

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
        var translator = new PostgresFilterTranslator(form, parameters);
        var where = BuildWhere(translator, query.Filter, query.Where, query.IncludeDeleted);
        var select = BuildSelect(translator, where, query.Flags, query.Sort, newestFirst: false);

        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, select.ToString(), parameters);
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
            if (form.KindOf(field) != PgValueKind.Number)
            {
                throw new ArgumentException(
                    $"Cannot sum '{field}' of form '{form.Key}': only number, money and formula fields can be summed.",
                    nameof(query));
            }
        }

        var parameters = new List<(string Name, object? Value)> { ("@form", form.Key) };
        var translator = new PostgresFilterTranslator(form, parameters);
        var where = BuildWhere(translator, query.Filter, query.Where, includeDeleted: false);
        // The outer query sorts the groups by their JSON text in byte order, as SQLite does.
        var sql = new StringBuilder("SELECT * FROM (SELECT ");
        sql.Append(query.GroupBy is { } groupBy ? translator.JsonColumn(groupBy) : "NULL::jsonb")
            .Append(" AS k, COUNT(*) AS n");
        for (var i = 0; i < query.Sum.Count; i++)
        {
            // NUMERIC sums are exact; an empty group sums to 0 as on SQLite.
            sql.Append(CultureInfo.InvariantCulture,
                $", COALESCE(SUM({PgRecordColumns.Column(query.Sum[i], PgValueKind.Number)}), 0) AS s{i}");
        }

        sql.Append(" FROM records r WHERE ").Append(where)
            .Append(" GROUP BY k) g ORDER BY g.k::text COLLATE \"C\" NULLS FIRST");

        var (connection, dbTransaction, owned) = await ConnectAsync(transaction, cancellationToken)
            .ConfigureAwait(false);
        try
        {
            var rows = new List<RecordAggregateRow>();
            await using var command = Command(connection, dbTransaction, sql.ToString(), parameters);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var key = reader.IsDBNull(0) ? null : JsonNode.Parse(reader.GetString(0));
                var sums = new Dictionary<string, decimal>(StringComparer.Ordinal);
                for (var i = 0; i < query.Sum.Count; i++)
                {
                    sums[query.Sum[i]] = reader.GetDecimal(2 + i);
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
        var audits = (await connection.QueryAsync<AuditRow>(new CommandDefinition(
            "SELECT id AS Id, version AS Version, action AS Action, user_id AS UserId, instance_id AS InstanceId, " +
            "at AS At, snapshot::text AS Snapshot FROM record_audit WHERE form_key = @Form AND record_id = @Id " +
            "ORDER BY id",
            new { Form = formKey, Id = recordId }, cancellationToken: cancellationToken)).ConfigureAwait(false))
            .ToList();
        var changes = (await connection.QueryAsync<ChangeRow>(new CommandDefinition(
            "SELECT c.audit_id AS AuditId, c.field_id AS FieldId, c.old_value AS OldValue, c.new_value AS NewValue " +
            "FROM record_changes c JOIN record_audit a ON a.id = c.audit_id " +
            "WHERE a.form_key = @Form AND a.record_id = @Id ORDER BY c.audit_id, c.field_id COLLATE \"C\"",
            new { Form = formKey, Id = recordId }, cancellationToken: cancellationToken)).ConfigureAwait(false))
            .ToLookup(change => change.AuditId);

        return [.. audits.Select(audit => new RecordAuditEntry(
            audit.Id, formKey, recordId, audit.Version, audit.Action, audit.UserId, audit.InstanceId,
            PgTime.Read(audit.At), (JsonObject)JsonNode.Parse(audit.Snapshot)!,
            [.. changes[audit.Id].Select(change => new RecordFieldChange(
                change.FieldId,
                change.OldValue is null ? null : JsonNode.Parse(change.OldValue),
                change.NewValue is null ? null : JsonNode.Parse(change.NewValue)))]))];
    }

    private static string BuildWhere(
        PostgresFilterTranslator translator, WorkflowKit.Definitions.Conditions.Condition? filter,
        RecordFilter? where, bool includeDeleted)
    {
        var combined = RecordFilter.And(ConditionFilters.FromCondition(filter, user: null), where ?? RecordFilter.True);
        var sql = "r.form_key = @form";
        if (!includeDeleted)
        {
            sql += " AND NOT r.deleted";
        }

        return combined is RecordFilterConstant { Value: true } ? sql : sql + " AND " + translator.Translate(combined);
    }

    private static StringBuilder BuildSelect(
        PostgresFilterTranslator translator, string where, IReadOnlyList<RecordFilter> flags,
        IReadOnlyList<SortOrder> sort, bool newestFirst)
    {
        var sql = new StringBuilder("SELECT ").Append(RecordColumns);
        foreach (var flag in flags)
        {
            sql.Append(CultureInfo.InvariantCulture, $", CASE WHEN {translator.Translate(flag)} THEN 1 ELSE 0 END");
        }

        // NULLS FIRST ascending (and LAST descending) sorts missing values as SQLite does.
        var order = sort
            .Select(key => translator.Column(key.Field) + (key.Descending ? " DESC NULLS LAST" : " ASC NULLS FIRST"))
            .ToList();
        order.Add(newestFirst && sort.Count == 0 ? "r.id DESC" : "r.id ASC");
        sql.Append(" FROM records r WHERE ").Append(where).Append(" ORDER BY ").Append(string.Join(", ", order));
        return sql;
    }

    private static NpgsqlCommand Command(
        DbConnection connection, DbTransaction? transaction, string sql, List<(string Name, object? Value)> parameters)
    {
        var command = new NpgsqlCommand(sql, (NpgsqlConnection)connection, (NpgsqlTransaction?)transaction);
        foreach (var (name, value) in parameters)
        {
            // The count query uses fewer parameters than the page query; "@p1" must not match "@p10".
            if (System.Text.RegularExpressions.Regex.IsMatch(
                    sql, System.Text.RegularExpressions.Regex.Escape(name) + "(?![0-9A-Za-z_])"))
            {
                command.Parameters.AddWithValue(name[1..], value ?? DBNull.Value);
            }
        }

        return command;
    }

    private static async Task<RecordEntry?> ReadOneAsync(
        DbConnection connection, DbTransaction? transaction, string formKey, long recordId, bool forUpdate,
        CancellationToken cancellationToken)
    {
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(
            $"SELECT {RecordColumns} FROM records r WHERE r.form_key = @Form AND r.id = @Id" +
            (forUpdate ? " FOR UPDATE" : string.Empty),
            new { Form = formKey, Id = recordId }, transaction, cancellationToken: cancellationToken))
            .ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadEntry(reader) : null;
    }

    private static RecordEntry ReadEntry(DbDataReader reader) => new(
        reader.GetString(1),
        reader.GetInt64(0),
        reader.GetInt64(2),
        (JsonObject)JsonNode.Parse(reader.GetString(3))!,
        reader.IsDBNull(4) ? null : reader.GetString(4),
        reader.GetString(5),
        PgTime.Read(reader.GetDateTime(6)),
        PgTime.Read(reader.GetDateTime(7)),
        reader.IsDBNull(8) ? null : reader.GetString(8),
        reader.GetBoolean(9));

    private static bool[] ReadFlags(DbDataReader reader, int count)
    {
        var flags = new bool[count];
        for (var i = 0; i < count; i++)
        {
            flags[i] = reader.GetInt32(10 + i) != 0;
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

    private sealed record AuditRow(
        long Id, long Version, string Action, string UserId, string? InstanceId, DateTime At, string Snapshot);

    private sealed record ChangeRow(long AuditId, string FieldId, string? OldValue, string? NewValue);
}
