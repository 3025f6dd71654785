using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using System.Text.Json.Nodes;
using Dapper;
using Microsoft.Data.Sqlite;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Definitions.Json;
using WorkflowKit.Records;
using WorkflowKit.Storage.Relational.Files;
using WorkflowKit.Storage.Relational.Records;
using WorkflowKit.Storage.Sqlite.Runtime;

namespace WorkflowKit.Storage.Sqlite.Records;

/// <summary>
/// The records of every form in one SQLite table. Data is a JSON document in a TEXT column and
/// is written back exactly as given, so money keeps its decimal digits; filters use
/// <c>json_extract</c>, and the indexed fields of each form also go into a narrow index table
/// (<c>record_values</c>) so that lists filter and sort on them through an index.
/// </summary>
/// <remarks>
/// Comparisons of numbers in filters run on SQLite's doubles: exact for values with at most 15
/// significant digits. Sums run on decimals through a custom aggregate and stay exact.
/// Serial numbers are allocated inside the write transaction, per form, field and period, with
/// the date taken in the tenant time zone (Asia/Shanghai unless another is given).
/// </remarks>
public sealed partial class SqliteRecordStore : IRecordStore, IRecordQueries, IRecordFormRegistry
{
    private const string RecordColumns =
        "r.id, r.form_key, r.version, r.data, r.serial_number, r.created_by, r.created_at, r.updated_at, " +
        "r.instance_id, r.deleted";

    // Moves the counter of a kept serial number's period up to it and never down (KeptSerialNumbers.KeepAsync).
    private const string RaiseSerialCounterSql =
        "INSERT INTO record_serials (form_key, field_id, period, last_value) VALUES (@Form, @Field, @Period, @Last) " +
        "ON CONFLICT (form_key, field_id, period) DO UPDATE SET last_value = " +
        "MAX(last_value, excluded.last_value)";

    private static readonly MultiRow InsertChange = MultiRow.TryParse(
        "INSERT INTO record_changes (audit_id, field_id, old_value, new_value) VALUES (@Audit, @Field, @Old, @New)",
        out var insert)
        ? insert
        : throw new InvalidOperationException("The record_changes INSERT is not a plain multi-row INSERT.");

    private readonly SqliteDatabase _database;
    private readonly TimeProvider _timeProvider;
    private readonly TimeZoneInfo _timeZone;
    private readonly ConcurrentDictionary<string, RecordFormInfo> _forms = new(StringComparer.Ordinal);

    public SqliteRecordStore(SqliteDatabase database, TimeProvider timeProvider, TimeZoneInfo? tenantTimeZone = null)
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
        var info = new RecordFormInfo(form);

        await using var transaction = await _database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var connection = transaction.Connection;
        await connection.ExecuteAsync(
            "INSERT INTO record_forms (form_key, definition, registered_at) VALUES (@Key, @Definition, @At) " +
            "ON CONFLICT (form_key) DO UPDATE SET definition = excluded.definition, registered_at = " +
            "excluded.registered_at",
            new { form.Key, Definition = DefinitionJson.Serialize(form), At = Timestamp(_timeProvider.GetUtcNow()) },
            transaction.Transaction).ConfigureAwait(false);
        await connection.ExecuteAsync(
            "DELETE FROM record_values WHERE form_key = @Key", new { form.Key }, transaction.Transaction)
            .ConfigureAwait(false);
        await connection.ExecuteAsync(
            "INSERT INTO record_values (record_id, form_key, field_id, value) " +
            "SELECT r.id, r.form_key, f.value, json_extract(r.data, '$.\"' || f.value || '\"') " +
            "FROM records r JOIN json_each(@Fields) f " +
            "WHERE r.form_key = @Key AND json_type(r.data, '$.\"' || f.value || '\"') NOT IN ('null', 'array', " +
            "'object')",
            new { form.Key, Fields = Serialize(info.IndexedFields) }, transaction.Transaction).ConfigureAwait(false);
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
        var now = _timeProvider.GetUtcNow();

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
            var insert = PreparedCommands.Get(
                connection, transaction,
                "INSERT INTO records (form_key, version, data, serial_number, created_by, created_at, updated_by, " +
                "updated_at, instance_id) VALUES (@Form, 1, @Data, @Serial, @User, @At, @User, @At, @Instance) " +
                "RETURNING id",
                ("@Form", form.Key), ("@Data", json), ("@Serial", serialNumber), ("@User", context.UserId),
                ("@At", Timestamp(now)), ("@Instance", context.InstanceId));
            var id = (long)(await insert.ExecuteScalarAsync().ConfigureAwait(false))!;
            await WriteIndexAsync(connection, transaction, form, id, json, replace: false).ConfigureAwait(false);
            await FileLinkRows.WriteForRecordAsync(connection, transaction, form.Form, id, null, document, cancellationToken)
                .ConfigureAwait(false);

            var changes = document
                .Where(pair => !IsEmpty(pair.Value))
                .Select(pair => new RecordFieldChange(pair.Key, null, pair.Value))
                .ToList();
            await WriteAuditAsync(connection, transaction, form.Key, id, 1, "create", context, now, json, changes)
                .ConfigureAwait(false);

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

        var now = _timeProvider.GetUtcNow();
        return await WriteAsync(context, async (connection, transaction) =>
        {
            var current = await ReadOneAsync(connection, transaction, form.Key, recordId).ConfigureAwait(false);
            if (current is null || current.Deleted)
            {
                throw new KeyNotFoundException(
                    $"Record {recordId} of form '{form.Key}' does not exist or was deleted; reload the list.");
            }

            if (expectedVersion is { } expected && expected != current.Version)
            {
                throw await ConflictAsync(connection, transaction, current, expected).ConfigureAwait(false);
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
            var updated = await connection.ExecuteAsync(
                "UPDATE records SET data = @Data, version = @Version, updated_by = @User, updated_at = @At " +
                "WHERE id = @Id AND version = @Current",
                new
                {
                    Data = json, Version = version, User = context.UserId, At = Timestamp(now), Id = recordId,
                    Current = current.Version,
                },
                transaction).ConfigureAwait(false);
            if (updated != 1)
            {
                throw await ConflictAsync(connection, transaction, current, current.Version).ConfigureAwait(false);
            }

            await WriteIndexAsync(connection, transaction, form, recordId, json, replace: true).ConfigureAwait(false);
            await FileLinkRows.WriteForRecordAsync(
                connection, transaction, form.Form, recordId, current.Data, document, cancellationToken)
                .ConfigureAwait(false);
            await WriteAuditAsync(connection, transaction, form.Key, recordId, version, "update", context, now, json,
                fieldChanges).ConfigureAwait(false);
            return current with { Version = version, Data = document, UpdatedAt = now };
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task SoftDeleteAsync(
        string formKey, long recordId, RecordWriteContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var form = await RequireInfoAsync(formKey, cancellationToken).ConfigureAwait(false);
        var now = _timeProvider.GetUtcNow();
        await WriteAsync(context, async (connection, transaction) =>
        {
            var current = await ReadOneAsync(connection, transaction, form.Key, recordId).ConfigureAwait(false);
            if (current is null || current.Deleted)
            {
                throw new KeyNotFoundException(
                    $"Record {recordId} of form '{form.Key}' does not exist or was already deleted.");
            }

            var version = current.Version + 1;
            await connection.ExecuteAsync(
                "UPDATE records SET deleted = 1, deleted_by = @User, deleted_at = @At, updated_by = @User, " +
                "updated_at = @At, version = @Version WHERE id = @Id",
                new { User = context.UserId, At = Timestamp(now), Version = version, Id = recordId }, transaction)
                .ConfigureAwait(false);
            await WriteAuditAsync(connection, transaction, form.Key, recordId, version, "delete", context, now,
                Serialize(current.Data), []).ConfigureAwait(false);
            return 0;
        }, cancellationToken).ConfigureAwait(false);
    }

    private async Task<T> WriteAsync<T>(
        RecordWriteContext context, Func<SqliteConnection, SqliteTransaction, Task<T>> work,
        CancellationToken cancellationToken)
    {
        if (context.Transaction is { } shared)
        {
            return await work((SqliteConnection)shared.Connection, (SqliteTransaction)shared.Transaction)
                .ConfigureAwait(false);
        }

        await using var own = await _database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var result = await work((SqliteConnection)own.Connection, (SqliteTransaction)own.Transaction)
            .ConfigureAwait(false);
        await own.CommitAsync(cancellationToken).ConfigureAwait(false);
        return result;
    }

    private async Task<string> AllocateSerialAsync(
        SqliteConnection connection, SqliteTransaction transaction, string formKey, string fieldId,
        SerialNumberPattern pattern, DateTimeOffset now)
    {
        var local = TimeZoneInfo.ConvertTime(now, _timeZone).DateTime;
        var period = pattern.PeriodKey(local);
        var next = await connection.ExecuteScalarAsync<long>(
            "INSERT INTO record_serials (form_key, field_id, period, last_value) VALUES (@Form, @Field, @Period, 1) " +
            "ON CONFLICT (form_key, field_id, period) DO UPDATE SET last_value = last_value + 1 RETURNING last_value",
            new { Form = formKey, Field = fieldId, Period = period }, transaction).ConfigureAwait(false);
        return pattern.Format(local, next);
    }

    private static async Task WriteIndexAsync(
        SqliteConnection connection, SqliteTransaction transaction, RecordFormInfo form, long id, string json,
        bool replace)
    {
        if (form.IndexedFields.Count == 0)
        {
            return;
        }

        if (replace)
        {
            await connection.ExecuteAsync(
                "DELETE FROM record_values WHERE record_id = @Id", new { Id = id }, transaction).ConfigureAwait(false);
        }

        var insert = PreparedCommands.Get(
            connection, transaction,
            "INSERT INTO record_values (record_id, form_key, field_id, value) " +
            "SELECT @Id, @Form, f.value, json_extract(@Data, '$.\"' || f.value || '\"') FROM json_each(@Fields) f " +
            "WHERE json_type(@Data, '$.\"' || f.value || '\"') NOT IN ('null', 'array', 'object')",
            ("@Id", id), ("@Form", form.Key), ("@Data", json), ("@Fields", Serialize(form.IndexedFields)));
        await insert.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    private static async Task WriteAuditAsync(
        SqliteConnection connection, SqliteTransaction transaction, string formKey, long recordId, long version,
        string action, RecordWriteContext context, DateTimeOffset at, string snapshot,
        IReadOnlyList<RecordFieldChange> changes)
    {
        var audit = PreparedCommands.Get(
            connection, transaction,
            "INSERT INTO record_audit (record_id, form_key, version, action, user_id, instance_id, at, snapshot) " +
            "VALUES (@RecordId, @Form, @Version, @Action, @User, @Instance, @At, @Snapshot) RETURNING id",
            ("@RecordId", recordId), ("@Form", formKey), ("@Version", version), ("@Action", action),
            ("@User", context.UserId), ("@Instance", context.InstanceId), ("@At", Timestamp(at)), ("@Snapshot",
                snapshot));
        var auditId = (long)(await audit.ExecuteScalarAsync().ConfigureAwait(false))!;
        if (changes.Count == 0)
        {
            return;
        }

        // One multi-row INSERT for all changed fields (up to MultiRow.MaxRows per statement). The values go in as
        // parameters rather than as one JSON array for json_each, which would serialise each value a second time,
        // escaped inside the array, and make SQLite parse it again.
        var rows = changes
            .Select(change => new (string Name, object? Value)[]
            {
                ("@Audit", auditId),
                ("@Field", change.Field),
                ("@Old", change.OldValue?.ToJsonString(DefinitionJson.Compact)),
                ("@New", change.NewValue?.ToJsonString(DefinitionJson.Compact)),
            })
            .ToArray();
        foreach (var chunk in rows.Chunk(MultiRow.MaxRows))
        {
            var (sql, values) = InsertChange.Bind(chunk);
            await StepCommands.ExecutePreparedAsync(connection, transaction, sql, values, CancellationToken.None)
                .ConfigureAwait(false);
        }
    }

    private static async Task<ConcurrencyConflictException> ConflictAsync(
        DbConnection connection, DbTransaction transaction, RecordEntry current, long expected)
    {
        var latest = await connection.QuerySingleAsync<(long Version, string UpdatedBy, string UpdatedAt)>(
            "SELECT version, updated_by, updated_at FROM records WHERE id = @Id", new { current.Id }, transaction)
            .ConfigureAwait(false);
        var changedAt = ParseTimestamp(latest.UpdatedAt);
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

    private async Task<RecordFormInfo> RequireInfoAsync(string formKey, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(formKey);
        return await FindInfoAsync(formKey, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException(
                $"Form '{formKey}' has no records table yet: publish the form (in the designer, or with " +
                "'workflowkit publish' or 'workflowkit import' of its package), then try again.");
    }

    private async Task<RecordFormInfo?> FindInfoAsync(string formKey, CancellationToken cancellationToken)
    {
        if (_forms.TryGetValue(formKey, out var cached))
        {
            return cached;
        }

        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var json = await connection.QuerySingleOrDefaultAsync<string>(
            "SELECT definition FROM record_forms WHERE form_key = @Key", new { Key = formKey }).ConfigureAwait(false);
        if (json is null)
        {
            return null;
        }

        var info = new RecordFormInfo(DefinitionJson.Deserialize<FormDefinition>(json));
        return _forms.GetOrAdd(formKey, info);
    }

    private static bool IsEmpty(JsonNode? value) =>
        value is null || (value is JsonValue text && text.TryGetValue<string>(out var s) && s.Length == 0);

    private static string Serialize(JsonNode node) => node.ToJsonString(DefinitionJson.Compact);

    private static string Serialize(IReadOnlyList<string> items) =>
        new JsonArray([.. items.Select(item => (JsonNode?)JsonValue.Create(item))]).ToJsonString();

    internal static string Timestamp(DateTimeOffset value) =>
        value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    internal static DateTimeOffset ParseTimestamp(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}
