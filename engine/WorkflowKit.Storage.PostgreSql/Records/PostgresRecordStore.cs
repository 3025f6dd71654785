using System.Globalization;
using System.Collections.Concurrent;
using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Dapper;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Definitions.Json;
using WorkflowKit.Records;
using WorkflowKit.Storage.Relational.Files;
using WorkflowKit.Storage.Relational.Records;

namespace WorkflowKit.Storage.PostgreSql.Records;

/// <summary>
/// The records of every form in one PostgreSQL table (migration 3000), the data a JSONB document.
/// A GIN index serves containment filters; registering a form adds an expression index per
/// indexed field, (form_key, typed value), where the SQLite store keeps a narrow index table.
/// </summary>
/// <remarks>
/// Numbers compare and sum as NUMERIC, so filters and sums on money are exact. JSONB keeps
/// numbers' digits (12.50 stays 12.50) but not the order of an object's keys, and it refuses the
/// character U+0000 in strings. Serial numbers are allocated in the write transaction per form,
/// field and period, with the date in the tenant time zone (Asia/Shanghai unless another is given).
/// </remarks>
public sealed partial class PostgresRecordStore : IRecordStore, IRecordQueries, IRecordFormRegistry
{
    private const string RecordColumns =
        "r.id, r.form_key, r.version, r.data::text, r.serial_number, r.created_by, r.created_at, r.updated_at, " +
        "r.instance_id, r.deleted";

    // Moves the counter of a kept serial number's period up to it and never down (KeptSerialNumbers.KeepAsync).
    private const string RaiseSerialCounterSql =
        "INSERT INTO record_serials (form_key, field_id, period, last_value) VALUES (@Form, @Field, @Period, @Last) " +
        "ON CONFLICT (form_key, field_id, period) DO UPDATE SET last_value = " +
        "GREATEST(record_serials.last_value, excluded.last_value)";

    private readonly PostgresDatabase _database;
    private readonly TimeProvider _timeProvider;
    private readonly TimeZoneInfo _timeZone;
    private readonly ConcurrentDictionary<string, PgRecordForm> _forms = new(StringComparer.Ordinal);

    public PostgresRecordStore(
        PostgresDatabase database, TimeProvider timeProvider, TimeZoneInfo? tenantTimeZone = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _database = database;
        _timeProvider = timeProvider;
        _timeZone = tenantTimeZone ?? TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    }

    public async Task RegisterFormAsync(FormDefinition form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentException.ThrowIfNullOrWhiteSpace(form.Key);
        var info = new PgRecordForm(form);

        await using var transaction = await _database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var connection = transaction.Connection;
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO record_forms (form_key, definition, registered_at) VALUES (@Key, @Definition, @At) " +
            "ON CONFLICT (form_key) DO UPDATE SET definition = excluded.definition, registered_at = " +
            "excluded.registered_at",
            new { form.Key, Definition = DefinitionJson.Serialize(form), At = PgTime.Write(_timeProvider.GetUtcNow()) },
            transaction.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);

        // One index per field id and kind serves every form that indexes that field. The id after the value lets
        // a newest-first page of one value (the region of a permission rule) read its rows in index order and
        // stop after the page. The advisory lock keeps two nodes registering at once from racing on the same
        // CREATE INDEX.
        await connection.ExecuteAsync(new CommandDefinition(
            "SELECT pg_advisory_xact_lock(hashtextextended('record-indexes', 0))",
            transaction: transaction.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        foreach (var field in info.IndexedFields)
        {
            var kind = info.KindOf(field);
            await connection.ExecuteAsync(new CommandDefinition(
                $"CREATE INDEX IF NOT EXISTS {IndexName(field, kind)} ON records " +
                $"(form_key, {PgRecordColumns.Typed("data", field, kind)}, id)",
                transaction: transaction.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        _forms[form.Key] = info;
    }

    public async Task<FormDefinition?> FindFormAsync(string formKey, CancellationToken cancellationToken)
    {
        var info = await FindInfoAsync(formKey, cancellationToken).ConfigureAwait(false);
        return info?.Form;
    }

    public async Task<RecordEntry> CreateAsync(
        string formKey, JsonObject data, RecordWriteContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(context);
        var form = await RequireInfoAsync(formKey, cancellationToken).ConfigureAwait(false);
        var document = (JsonObject)data.DeepClone();
        var now = PgTime.Truncate(_timeProvider.GetUtcNow());

        return await WriteAsync(context, async (connection, transaction) =>
        {
            string? serialNumber = null;
            foreach (var (fieldId, pattern) in form.SerialFields)
            {
                var serial = context.KeepGivenSerials && KeptSerialNumbers.Read(document[fieldId]) is { } given
                    ? await KeptSerialNumbers.KeepAsync(
                            connection, transaction, RaiseSerialCounterSql, form.Key, fieldId, pattern, given)
                        .ConfigureAwait(false)
                    : await AllocateSerialAsync(connection, transaction, form.Key, fieldId, pattern, now)
                        .ConfigureAwait(false);
                document[fieldId] = serial;
                serialNumber ??= serial;
            }

            var json = Serialize(document);
            var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                "INSERT INTO records (form_key, version, data, serial_number, created_by, created_at, updated_by, " +
                "updated_at, instance_id) VALUES (@Form, 1, CAST(@Data AS jsonb), @Serial, @User, @At, @User, @At, " +
                "@Instance) RETURNING id",
                new
                {
                    Form = form.Key, Data = json, Serial = serialNumber, User = context.UserId,
                    At = PgTime.Write(now), Instance = context.InstanceId,
                },
                transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            await FileLinkRows.WriteForRecordAsync(connection, transaction, form.Form, id, null, document, cancellationToken)
                .ConfigureAwait(false);

            var changes = document
                .Where(pair => !IsEmpty(pair.Value))
                .Select(pair => new RecordFieldChange(pair.Key, null, pair.Value))
                .ToList();
            await WriteAuditAsync(connection, transaction, form.Key, id, 1, "create", context, now, json, changes,
                cancellationToken).ConfigureAwait(false);

            return new RecordEntry(
                form.Key, id, 1, document, serialNumber, context.UserId, now, now, context.InstanceId, false);
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<RecordEntry> UpdateAsync(
        string formKey, long recordId, JsonObject changes, long? expectedVersion, RecordWriteContext context,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(context);
        var form = await RequireInfoAsync(formKey, cancellationToken).ConfigureAwait(false);
        foreach (var (fieldId, _) in form.SerialFields)
        {
            if (changes.ContainsKey(fieldId))
            {
                throw new ArgumentException(
                    $"Serial number field '{fieldId}' of form '{form.Key}' is assigned by the store and cannot be " +
                    "changed; leave it out of the changes.", nameof(changes));
            }
        }

        var now = PgTime.Truncate(_timeProvider.GetUtcNow());
        return await WriteAsync(context, async (connection, transaction) =>
        {
            // FOR UPDATE: a concurrent writer on another node waits here instead of failing the version check.
            var current = await ReadOneAsync(connection, transaction, form.Key, recordId, forUpdate: true,
                cancellationToken).ConfigureAwait(false);
            if (current is null || current.Deleted)
            {
                throw new KeyNotFoundException(
                    $"Record {recordId} of form '{form.Key}' does not exist or was deleted; reload the list.");
            }

            if (expectedVersion is { } expected && expected != current.Version)
            {
                throw await ConflictAsync(connection, transaction, current, expected, cancellationToken)
                    .ConfigureAwait(false);
            }

            var document = (JsonObject)current.Data.DeepClone();
            var fieldChanges = new List<RecordFieldChange>();
            foreach (var (fieldId, value) in changes)
            {
                var old = document[fieldId];
                if (JsonNode.DeepEquals(IsEmpty(old) ? null : old, IsEmpty(value) ? null : value))
                {
                    continue;
                }

                fieldChanges.Add(new RecordFieldChange(fieldId, old?.DeepClone(), value?.DeepClone()));
                if (value is null)
                {
                    document.Remove(fieldId);
                }
                else
                {
                    document[fieldId] = value.DeepClone();
                }
            }

            if (fieldChanges.Count == 0)
            {
                return current;
            }

            var json = Serialize(document);
            var version = current.Version + 1;
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE records SET data = CAST(@Data AS jsonb), version = @Version, updated_by = @User, " +
                "updated_at = @At WHERE id = @Id",
                new { Data = json, Version = version, User = context.UserId, At = PgTime.Write(now), Id = recordId },
                transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            await FileLinkRows.WriteForRecordAsync(
                connection, transaction, form.Form, recordId, current.Data, document, cancellationToken)
                .ConfigureAwait(false);
            await WriteAuditAsync(connection, transaction, form.Key, recordId, version, "update", context, now, json,
                fieldChanges, cancellationToken).ConfigureAwait(false);
            return current with { Version = version, Data = document, UpdatedAt = now };
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task SoftDeleteAsync(
        string formKey, long recordId, RecordWriteContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var form = await RequireInfoAsync(formKey, cancellationToken).ConfigureAwait(false);
        var now = PgTime.Truncate(_timeProvider.GetUtcNow());
        await WriteAsync(context, async (connection, transaction) =>
        {
            var current = await ReadOneAsync(connection, transaction, form.Key, recordId, forUpdate: true,
                cancellationToken).ConfigureAwait(false);
            if (current is null || current.Deleted)
            {
                throw new KeyNotFoundException(
                    $"Record {recordId} of form '{form.Key}' does not exist or was already deleted.");
            }

            var version = current.Version + 1;
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE records SET deleted = TRUE, deleted_by = @User, deleted_at = @At, updated_by = @User, " +
                "updated_at = @At, version = @Version WHERE id = @Id",
                new { User = context.UserId, At = PgTime.Write(now), Version = version, Id = recordId },
                transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            await WriteAuditAsync(connection, transaction, form.Key, recordId, version, "delete", context, now,
                Serialize(current.Data), [], cancellationToken).ConfigureAwait(false);
            return 0;
        }, cancellationToken).ConfigureAwait(false);
    }

    private async Task<T> WriteAsync<T>(
        RecordWriteContext context, Func<DbConnection, DbTransaction, Task<T>> work,
        CancellationToken cancellationToken)
    {
        if (context.Transaction is { } shared)
        {
            return await work(shared.Connection, shared.Transaction).ConfigureAwait(false);
        }

        await using var own = await _database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var result = await work(own.Connection, own.Transaction).ConfigureAwait(false);
        await own.CommitAsync(cancellationToken).ConfigureAwait(false);
        return result;
    }

    private async Task<string> AllocateSerialAsync(
        DbConnection connection, DbTransaction transaction, string formKey, string fieldId,
        SerialNumberPattern pattern, DateTimeOffset now)
    {
        var local = TimeZoneInfo.ConvertTime(now, _timeZone).DateTime;
        var period = pattern.PeriodKey(local);
        var next = await connection.ExecuteScalarAsync<long>(
            "INSERT INTO record_serials (form_key, field_id, period, last_value) VALUES (@Form, @Field, @Period, 1) " +
            "ON CONFLICT (form_key, field_id, period) DO UPDATE SET last_value = record_serials.last_value + 1 " +
            "RETURNING last_value",
            new { Form = formKey, Field = fieldId, Period = period }, transaction).ConfigureAwait(false);
        return pattern.Format(local, next);
    }

    private static async Task WriteAuditAsync(
        DbConnection connection, DbTransaction transaction, string formKey, long recordId, long version,
        string action, RecordWriteContext context, DateTimeOffset at, string snapshot,
        IReadOnlyList<RecordFieldChange> changes, CancellationToken cancellationToken)
    {
        var auditId = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "INSERT INTO record_audit (record_id, form_key, version, action, user_id, instance_id, at, snapshot) " +
            "VALUES (@RecordId, @Form, @Version, @Action, @User, @Instance, @At, CAST(@Snapshot AS jsonb)) " +
            "RETURNING id",
            new
            {
                RecordId = recordId, Form = formKey, Version = version, Action = action, User = context.UserId,
                Instance = context.InstanceId, At = PgTime.Write(at), Snapshot = snapshot,
            },
            transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (changes.Count == 0)
        {
            return;
        }

        // One statement for all changed fields: the values travel as three parallel arrays.
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO record_changes (audit_id, field_id, old_value, new_value) " +
            "SELECT @Audit, c.field_id, c.old_value, c.new_value " +
            "FROM unnest(@Fields, @Olds, @News) AS c(field_id, old_value, new_value)",
            new
            {
                Audit = auditId,
                Fields = changes.Select(change => change.Field).ToArray(),
                Olds = changes.Select(change => change.OldValue?.ToJsonString(DefinitionJson.Compact)).ToArray(),
                News = changes.Select(change => change.NewValue?.ToJsonString(DefinitionJson.Compact)).ToArray(),
            },
            transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    private static async Task<ConcurrencyConflictException> ConflictAsync(
        DbConnection connection, DbTransaction transaction, RecordEntry current, long expected,
        CancellationToken cancellationToken)
    {
        var latest = await connection.QuerySingleAsync<(long Version, string UpdatedBy, DateTime UpdatedAt)>(
            new CommandDefinition(
                "SELECT version, updated_by, updated_at FROM records WHERE id = @Id", new { current.Id }, transaction,
                cancellationToken: cancellationToken)).ConfigureAwait(false);
        var changedAt = PgTime.Read(latest.UpdatedAt);
        return new ConcurrencyConflictException(
            $"Record {current.Id} of form '{current.FormKey}' was changed by '{latest.UpdatedBy}' at " +
            changedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) +
            $" UTC (now version {latest.Version}, you edited version {expected}); reload it and apply your change again.")
        {
            Subject = $"record {current.FormKey}/{current.Id}",
            ExpectedVersion = expected,
            ActualVersion = latest.Version,
            ChangedBy = latest.UpdatedBy,
            ChangedAt = changedAt,
        };
    }

    private async Task<PgRecordForm> RequireInfoAsync(string formKey, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(formKey);
        return await FindInfoAsync(formKey, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException(
                $"Form '{formKey}' has no records table yet: publish the form (in the designer, or with " +
                "'workflowkit publish' or 'workflowkit import' of its package), then try again.");
    }

    private async Task<PgRecordForm?> FindInfoAsync(string formKey, CancellationToken cancellationToken)
    {
        // NOTE: the cache lives per process. With several nodes, a form registered again on one node
        // reaches the others only when they restart or register it themselves.
        if (_forms.TryGetValue(formKey, out var cached))
        {
            return cached;
        }

        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var json = await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            "SELECT definition FROM record_forms WHERE form_key = @Key", new { Key = formKey },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (json is null)
        {
            return null;
        }

        var info = new PgRecordForm(DefinitionJson.Deserialize<FormDefinition>(json));
        return _forms.GetOrAdd(formKey, info);
    }

    // Index names are at most 63 bytes; a hash of field and kind keeps them short and stable. Migration 3001
    // renamed the earlier (form_key, value) indexes from the prefix ix_records_f_ to this one.
    private static string IndexName(string field, PgValueKind kind) =>
        "ix_records_fi_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{field}|{kind}")))[..16];

    private static bool IsEmpty(JsonNode? value) =>
        value is null || (value is JsonValue text && text.TryGetValue<string>(out var s) && s.Length == 0);

    private static string Serialize(JsonNode node) => node.ToJsonString(DefinitionJson.Compact);
}
