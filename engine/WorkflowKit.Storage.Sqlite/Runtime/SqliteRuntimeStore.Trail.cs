using Dapper;
using WorkflowKit.Runtime.Audit;
using WorkflowKit.Runtime.Incidents;
using WorkflowKit.Runtime.Notifications;
using WorkflowKit.Runtime.Storage;

namespace WorkflowKit.Storage.Sqlite.Runtime;

/// <summary>Incidents, audit trail, notifications and schedules.</summary>
public sealed partial class SqliteRuntimeStore
{
    public async Task InsertIncidentsAsync(
        IStorageTransaction transaction, IReadOnlyCollection<Incident> incidents, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(incidents);
        await StepCommands.ExecuteAsync(transaction, new CommandDefinition(
            "INSERT INTO wk_incidents (id, instance_id, token_id, node_id, kind, message, created_at) " +
            "VALUES (@Id, @InstanceId, @TokenId, @NodeId, @Kind, @Message, @CreatedAt)",
            incidents.Select(item => new
            {
                item.Id, item.InstanceId, item.TokenId, item.NodeId, item.Kind, item.Message,
                CreatedAt = SqlTime.Write(item.CreatedAt),
            }).ToList(),
            transaction.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public Task<Incident?> GetIncidentAsync(
        IStorageTransaction? transaction, string incidentId, CancellationToken cancellationToken) =>
        WithConnectionAsync(transaction, async (connection, tx) =>
        {
            var row = await connection.QuerySingleOrDefaultAsync<IncidentRow>(new CommandDefinition(
                $"SELECT {IncidentRow.Columns} FROM wk_incidents WHERE id = @Id", new { Id = incidentId }, tx,
                cancellationToken: cancellationToken)).ConfigureAwait(false);
            return row?.ToIncident();
        }, cancellationToken);

    public async Task ResolveIncidentAsync(
        IStorageTransaction transaction, IncidentResolution resolution, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(resolution);
        await StepCommands.ExecuteAsync(transaction, new CommandDefinition(
            "UPDATE wk_incidents SET resolved_at = @Now, resolved_by = @User, resolution = @Resolution " +
            "WHERE id = @Id AND resolved_at IS NULL",
            new { Id = resolution.IncidentId, User = resolution.UserId, resolution.Resolution, Now = SqlTime.Write(now) },
            transaction.Transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public Task<IReadOnlyList<Incident>> GetIncidentsAsync(
        string? instanceId, bool openOnly, CancellationToken cancellationToken) =>
        WithConnectionAsync(null, async (connection, tx) =>
        {
            var where = (instanceId is null ? "1 = 1" : "instance_id = @InstanceId")
                + (openOnly ? " AND resolved_at IS NULL" : string.Empty);
            var rows = await connection.QueryAsync<IncidentRow>(new CommandDefinition(
                $"SELECT {IncidentRow.Columns} FROM wk_incidents WHERE {where} ORDER BY created_at, id",
                new { InstanceId = instanceId }, tx, cancellationToken: cancellationToken)).ConfigureAwait(false);
            return (IReadOnlyList<Incident>)[.. rows.Select(row => row.ToIncident())];
        }, cancellationToken);

    /// <summary>
    /// Appends audit lines, each run of the engine's own lines of one instance as one row (<see cref="AuditRuns"/>).
    /// When a run is stored, every row gets an explicit id that leaves room for the ids of its lines.
    /// </summary>
    public async Task InsertAuditAsync(
        IStorageTransaction transaction, IReadOnlyCollection<AuditEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(entries);
        var rows = AuditRuns.Group(entries);
        if (rows.Count == entries.Count)
        {
            await StepCommands.ExecuteAsync(transaction, new CommandDefinition(
                "INSERT INTO wk_audit (instance_id, at, actor, action, node_id, task_id, comment, form_json, details_json) " +
                "VALUES (@InstanceId, @At, @Actor, @Action, @NodeId, @TaskId, @Comment, @FormJson, @DetailsJson)",
                entries.Select(entry => new
                {
                    entry.InstanceId,
                    At = SqlTime.Write(entry.At),
                    entry.Actor,
                    entry.Action,
                    entry.NodeId,
                    entry.TaskId,
                    entry.Comment,
                    FormJson = SqlJson.WriteOptional(entry.FormSnapshot),
                    DetailsJson = SqlJson.WriteOptional(entry.Details),
                }).ToList(),
                transaction.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            return;
        }

        var lastId = (await StepCommands.QueryAsync<long>(transaction.Connection, transaction.Transaction, new CommandDefinition(
            "SELECT MAX(COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'wk_audit'), 0), " +
            "COALESCE((SELECT MAX(id) FROM wk_audit), 0))",
            null, transaction.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false)).Single();
        var values = new List<object>(rows.Count);
        foreach (var row in rows)
        {
            lastId += row.Count;
            values.Add(row.Count == 1
                ? AuditValues(lastId, row[0], row[0].Action, SqlJson.WriteOptional(row[0].Details))
                : AuditValues(lastId, row[0] with { NodeId = null, TaskId = null, Comment = null }, AuditRuns.Action,
                    AuditRuns.Write(row)));
        }

        await StepCommands.ExecuteAsync(transaction, new CommandDefinition(
            "INSERT INTO wk_audit (id, instance_id, at, actor, action, node_id, task_id, comment, form_json, details_json) " +
            "VALUES (@Id, @InstanceId, @At, @Actor, @Action, @NodeId, @TaskId, @Comment, @FormJson, @DetailsJson)",
            values, transaction.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public Task<IReadOnlyList<AuditEntry>> GetAuditAsync(string instanceId, CancellationToken cancellationToken) =>
        WithConnectionAsync(null, async (connection, tx) =>
        {
            var rows = await connection.QueryAsync<AuditRow>(new CommandDefinition(
                $"SELECT {AuditRow.Columns} FROM wk_audit WHERE instance_id = @InstanceId ORDER BY id",
                new { InstanceId = instanceId }, tx, cancellationToken: cancellationToken)).ConfigureAwait(false);
            return (IReadOnlyList<AuditEntry>)[.. rows.SelectMany(row =>
                row.Action == AuditRuns.Action && row.Actor == AuditRuns.SystemActor ? AuditRuns.Read(row) : [row.ToEntry()])];
        }, cancellationToken);

    /// <summary>The parameters of one wk_audit row with an explicit id.</summary>
    private static object AuditValues(long id, AuditEntry entry, string action, string? detailsJson) => new
    {
        Id = id,
        entry.InstanceId,
        At = SqlTime.Write(entry.At),
        entry.Actor,
        Action = action,
        entry.NodeId,
        entry.TaskId,
        entry.Comment,
        FormJson = SqlJson.WriteOptional(entry.FormSnapshot),
        DetailsJson = detailsJson,
    };

    public async Task InsertNotificationsAsync(
        IStorageTransaction transaction, IReadOnlyCollection<Notification> notifications, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(notifications);
        await StepCommands.ExecuteAsync(transaction, new CommandDefinition(
            "INSERT INTO wk_notifications (id, user_id, instance_id, node_id, task_id, kind, message_json, created_at) " +
            "VALUES (@Id, @UserId, @InstanceId, @NodeId, @TaskId, @Kind, @MessageJson, @CreatedAt)",
            notifications.Select(item => new
            {
                item.Id, item.UserId, item.InstanceId, item.NodeId, item.TaskId, item.Kind,
                MessageJson = SqlJson.WriteText(item.Message),
                CreatedAt = SqlTime.Write(item.CreatedAt),
            }).ToList(),
            transaction.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public Task<NotificationPage> GetNotificationsAsync(
        string userId, bool unreadOnly, int offset, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return WithConnectionAsync(null, async (connection, tx) =>
        {
            var where = "user_id = @UserId" + (unreadOnly ? " AND read_at IS NULL" : string.Empty);
            var parameters = new { UserId = userId, Offset = offset, Limit = limit };
            var rows = await connection.QueryAsync<NotificationRow>(new CommandDefinition(
                $"SELECT {NotificationRow.Columns} FROM wk_notifications WHERE {where} " +
                "ORDER BY created_at DESC, id DESC LIMIT @Limit OFFSET @Offset",
                parameters, tx, cancellationToken: cancellationToken)).ConfigureAwait(false);
            var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                $"SELECT COUNT(*) FROM wk_notifications WHERE {where}", parameters, tx,
                cancellationToken: cancellationToken)).ConfigureAwait(false);
            return new NotificationPage([.. rows.Select(row => row.ToNotification())], (int)total);
        }, cancellationToken);
    }

    public Task<IReadOnlyList<string>> GetCarbonCopiedInstanceIdsAsync(
        string userId, int limit, CancellationToken cancellationToken) =>
        WithConnectionAsync(null, async (connection, tx) =>
        {
            var ids = await connection.QueryAsync<string>(new CommandDefinition(
                "SELECT instance_id FROM wk_notifications WHERE user_id = @UserId AND kind = @Kind AND instance_id IS NOT NULL " +
                "GROUP BY instance_id ORDER BY MAX(created_at) DESC, instance_id LIMIT @Limit",
                new { UserId = userId, Kind = NotificationKinds.CarbonCopy, Limit = limit }, tx,
                cancellationToken: cancellationToken)).ConfigureAwait(false);
            return (IReadOnlyList<string>)[.. ids];
        }, cancellationToken);

    public Task<IReadOnlyList<Notification>> GetInstanceNotificationsAsync(
        string instanceId, string userId, CancellationToken cancellationToken) =>
        WithConnectionAsync(null, async (connection, tx) =>
        {
            var rows = await connection.QueryAsync<NotificationRow>(new CommandDefinition(
                $"SELECT {NotificationRow.Columns} FROM wk_notifications WHERE user_id = @UserId AND instance_id = @InstanceId " +
                "ORDER BY created_at, id",
                new { UserId = userId, InstanceId = instanceId }, tx, cancellationToken: cancellationToken)).ConfigureAwait(false);
            return (IReadOnlyList<Notification>)[.. rows.Select(row => row.ToNotification())];
        }, cancellationToken);

    public async Task<bool> MarkNotificationReadAsync(
        string notificationId, string userId, DateTimeOffset now, CancellationToken cancellationToken) =>
        await InOwnTransactionAsync(async transaction => await StepCommands.ExecuteAsync(transaction, new CommandDefinition(
            "UPDATE wk_notifications SET read_at = COALESCE(read_at, @Now) WHERE id = @Id AND user_id = @UserId",
            new { Id = notificationId, UserId = userId, Now = SqlTime.Write(now) }, transaction.Transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false), cancellationToken).ConfigureAwait(false) > 0;

    public Task<int> MarkAllNotificationsReadAsync(
        string userId, DateTimeOffset now, CancellationToken cancellationToken) =>
        InOwnTransactionAsync(async transaction => await StepCommands.ExecuteAsync(transaction, new CommandDefinition(
            "UPDATE wk_notifications SET read_at = @Now WHERE user_id = @UserId AND read_at IS NULL",
            new { UserId = userId, Now = SqlTime.Write(now) }, transaction.Transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false), cancellationToken);

    public Task ReplaceSchedulesAsync(
        string flowKey, IReadOnlyCollection<ScheduleRecord> schedules, CancellationToken cancellationToken) =>
        InOwnTransactionAsync(async transaction =>
        {
            var connection = transaction.Connection;
            var tx = transaction.Transaction;
            var ids = schedules.Select(schedule => schedule.Id).ToList();
            await connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM wk_schedules WHERE flow_key = @FlowKey AND id NOT IN @Ids",
                new { FlowKey = flowKey, Ids = ids }, tx, cancellationToken: cancellationToken)).ConfigureAwait(false);
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO wk_schedules (id, flow_key, cron, time_zone, next_due_at, enabled) " +
                "VALUES (@Id, @FlowKey, @Cron, @TimeZone, @NextDueAt, 1) ON CONFLICT (id) DO UPDATE SET " +
                "next_due_at = CASE WHEN wk_schedules.cron = excluded.cron AND wk_schedules.time_zone = excluded.time_zone " +
                "THEN wk_schedules.next_due_at ELSE excluded.next_due_at END, cron = excluded.cron, " +
                "time_zone = excluded.time_zone, enabled = 1",
                schedules.Select(schedule => new
                {
                    schedule.Id, schedule.FlowKey, schedule.Cron, schedule.TimeZone,
                    NextDueAt = SqlTime.Write(schedule.NextDueAt),
                }).ToList(),
                tx, cancellationToken: cancellationToken)).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    public Task<IReadOnlyList<ScheduleRecord>> GetSchedulesAsync(string flowKey, CancellationToken cancellationToken) =>
        WithConnectionAsync(null, async (connection, tx) =>
        {
            var rows = await connection.QueryAsync<ScheduleRow>(new CommandDefinition(
                $"SELECT {ScheduleRow.Columns} FROM wk_schedules WHERE flow_key = @FlowKey ORDER BY id",
                new { FlowKey = flowKey }, tx, cancellationToken: cancellationToken)).ConfigureAwait(false);
            return (IReadOnlyList<ScheduleRecord>)[.. rows.Select(row => row.ToRecord())];
        }, cancellationToken);

    public Task<IReadOnlyList<ScheduleRecord>> GetDueSchedulesAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        WithConnectionAsync(null, async (connection, tx) =>
        {
            var rows = await connection.QueryAsync<ScheduleRow>(new CommandDefinition(
                $"SELECT {ScheduleRow.Columns} FROM wk_schedules WHERE enabled = 1 AND next_due_at <= @Now ORDER BY next_due_at",
                new { Now = SqlTime.Write(now) }, tx, cancellationToken: cancellationToken)).ConfigureAwait(false);
            return (IReadOnlyList<ScheduleRecord>)[.. rows.Select(row => row.ToRecord())];
        }, cancellationToken);

    public async Task<bool> AdvanceScheduleAsync(
        IStorageTransaction transaction, string scheduleId, DateTimeOffset expectedDueAt, DateTimeOffset nextDueAt,
        DateTimeOffset firedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        var changed = await StepCommands.ExecuteAsync(transaction, new CommandDefinition(
            "UPDATE wk_schedules SET next_due_at = @Next, last_fired_at = @FiredAt WHERE id = @Id AND next_due_at = @Expected",
            new
            {
                Id = scheduleId,
                Next = SqlTime.Write(nextDueAt),
                FiredAt = SqlTime.Write(firedAt),
                Expected = SqlTime.Write(expectedDueAt),
            },
            transaction.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return changed == 1;
    }
}
