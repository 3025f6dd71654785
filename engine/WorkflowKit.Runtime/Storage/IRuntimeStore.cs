using System.Text.Json.Nodes;
using WorkflowKit.Runtime.Audit;
using WorkflowKit.Runtime.Incidents;
using WorkflowKit.Runtime.Instances;
using WorkflowKit.Runtime.Notifications;
using WorkflowKit.Runtime.Tasks;
using WorkflowKit.Storage;

namespace WorkflowKit.Runtime.Storage;

/// <summary>
/// Persistence of instances, tokens, tasks, variables, timers, outbox, incidents, audit trail,
/// notifications and schedules. Writes go through the step's transaction, so everything one
/// engine step changes commits together. Reads that take a null transaction use their own
/// connection. Times are UTC.
/// </summary>
public interface IRuntimeStore
{
    Task InsertInstanceAsync(IStorageTransaction transaction, InstanceRecord instance, CancellationToken cancellationToken);

    Task<InstanceRecord?> GetInstanceAsync(
        IStorageTransaction? transaction, string instanceId, CancellationToken cancellationToken);

    Task<InstanceRecord?> FindInstanceByIdempotencyKeyAsync(
        IStorageTransaction? transaction, string idempotencyKey, CancellationToken cancellationToken);

    /// <summary>Writes the instance and sets its version to <paramref name="expectedVersion"/> + 1.</summary>
    /// <exception cref="ConcurrencyConflictException">The stored version is not <paramref name="expectedVersion"/>.</exception>
    Task UpdateInstanceAsync(
        IStorageTransaction transaction, InstanceRecord instance, long expectedVersion, CancellationToken cancellationToken);

    /// <summary>
    /// Moves an instance to another version of its flow: writes its flow version, the node, flow version and
    /// kind of the given tasks, and cancels the given pending timers. The step that calls it writes tokens,
    /// tasks and the instance row as usual, in the same transaction.
    /// </summary>
    /// <exception cref="ConcurrencyConflictException">The stored version is not
    /// <see cref="InstanceMigrationWrite.ExpectedVersion"/>.</exception>
    Task SaveMigrationAsync(
        IStorageTransaction transaction, InstanceMigrationWrite migration, CancellationToken cancellationToken);

    /// <summary>
    /// Locks the instance's row until <paramref name="transaction"/> ends and returns its stored version, or null when
    /// the instance does not exist. On PostgreSQL another node's step that writes the instance waits for the lock, and
    /// the version read is the latest committed one. On SQLite the write transaction already holds the database's
    /// write lock.
    /// </summary>
    Task<long?> LockInstanceAsync(IStorageTransaction transaction, string instanceId, CancellationToken cancellationToken);

    Task<IReadOnlyList<InstanceRecord>> QueryInstancesAsync(InstanceQuery query, CancellationToken cancellationToken);

    Task<IReadOnlyList<TokenRecord>> GetTokensAsync(
        IStorageTransaction? transaction, string instanceId, bool liveOnly, CancellationToken cancellationToken);

    /// <summary>Inserts new tokens and updates existing ones.</summary>
    Task SaveTokensAsync(
        IStorageTransaction transaction, IReadOnlyCollection<TokenRecord> tokens, CancellationToken cancellationToken);

    Task<TaskRecord?> GetTaskAsync(IStorageTransaction? transaction, string taskId, CancellationToken cancellationToken);

    Task<IReadOnlyList<TaskRecord>> GetTasksAsync(
        IStorageTransaction? transaction, string instanceId, bool openOnly, CancellationToken cancellationToken);

    /// <summary>Inserts new tasks and updates existing ones.</summary>
    Task SaveTasksAsync(
        IStorageTransaction transaction, IReadOnlyCollection<TaskRecord> tasks, CancellationToken cancellationToken);

    /// <summary>Records who a task was given to and why ("assigned", "transferred", "escalated").</summary>
    Task InsertTaskAssignmentsAsync(
        IStorageTransaction transaction, IReadOnlyCollection<TaskAssignment> assignments,
        CancellationToken cancellationToken);

    Task<IReadOnlyList<TaskAssignment>> GetTaskAssignmentsAsync(string taskId, CancellationToken cancellationToken);

    Task<IReadOnlyList<TaskRecord>> QueryTasksAsync(TaskQuery query, CancellationToken cancellationToken);

    Task<JsonObject> GetVariablesAsync(
        IStorageTransaction? transaction, string instanceId, CancellationToken cancellationToken);

    /// <summary>Writes the given variables; a null value is stored as JSON null.</summary>
    Task SaveVariablesAsync(
        IStorageTransaction transaction, string instanceId, IReadOnlyDictionary<string, JsonNode?> variables,
        CancellationToken cancellationToken);

    Task InsertTimersAsync(
        IStorageTransaction transaction, IReadOnlyCollection<TimerRecord> timers, CancellationToken cancellationToken);

    /// <summary>
    /// Cancels pending timers of an instance: those of the given tasks or tokens, or all of them
    /// when both lists are null.
    /// </summary>
    Task CancelTimersAsync(
        IStorageTransaction transaction, string instanceId, IReadOnlyCollection<string>? taskIds,
        IReadOnlyCollection<string>? tokenIds, CancellationToken cancellationToken);

    Task<TimerRecord?> GetTimerAsync(IStorageTransaction? transaction, string timerId, CancellationToken cancellationToken);

    /// <summary>
    /// Leases up to <paramref name="max"/> pending timers due at <paramref name="now"/> whose lease
    /// is free or expired, in their own transaction.
    /// </summary>
    Task<IReadOnlyList<TimerRecord>> ClaimDueTimersAsync(
        DateTimeOffset now, string owner, TimeSpan lease, int max, CancellationToken cancellationToken);

    /// <summary>Marks a pending timer fired; false when it was not pending any more.</summary>
    Task<bool> MarkTimerFiredAsync(
        IStorageTransaction transaction, string timerId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Moves a timer's due time and frees its lease (a retry after a failed step).</summary>
    Task RescheduleTimerAsync(string timerId, DateTimeOffset dueAt, CancellationToken cancellationToken);

    Task<IReadOnlyList<TimerRecord>> GetTimersAsync(string instanceId, CancellationToken cancellationToken);

    Task<DateTimeOffset?> GetNextDueAsync(CancellationToken cancellationToken);

    Task InsertOutboxAsync(
        IStorageTransaction transaction, IReadOnlyCollection<OutboxRecord> messages, CancellationToken cancellationToken);

    /// <summary>Leases pending messages due at <paramref name="now"/>, in their own transaction.</summary>
    Task<IReadOnlyList<OutboxRecord>> ClaimDueOutboxAsync(
        DateTimeOffset now, string owner, TimeSpan lease, int max, CancellationToken cancellationToken);

    Task<OutboxRecord?> GetOutboxAsync(
        IStorageTransaction? transaction, string messageId, CancellationToken cancellationToken);

    /// <summary>Sets a final status; false when the message was no longer pending.</summary>
    Task<bool> FinishOutboxAsync(
        IStorageTransaction transaction, string messageId, string status, string? error, DateTimeOffset now,
        CancellationToken cancellationToken);

    /// <summary>Counts a failed attempt and frees the lease until <paramref name="nextAttemptAt"/>.</summary>
    Task RescheduleOutboxAsync(
        string messageId, int attempts, DateTimeOffset nextAttemptAt, string error, CancellationToken cancellationToken);

    /// <summary>Cancels pending HTTP messages of an instance that ended before their reply; notifications still go.</summary>
    Task CancelOutboxAsync(IStorageTransaction transaction, string instanceId, CancellationToken cancellationToken);

    Task<IReadOnlyList<OutboxRecord>> GetOutboxForInstanceAsync(string instanceId, CancellationToken cancellationToken);

    Task InsertIncidentsAsync(
        IStorageTransaction transaction, IReadOnlyCollection<Incident> incidents, CancellationToken cancellationToken);

    Task<Incident?> GetIncidentAsync(
        IStorageTransaction? transaction, string incidentId, CancellationToken cancellationToken);

    /// <summary>Resolves an open incident as <see cref="IncidentResolution.UserId"/> at <paramref name="now"/>;
    /// an incident that is resolved already keeps its first resolution.</summary>
    Task ResolveIncidentAsync(
        IStorageTransaction transaction, IncidentResolution resolution, DateTimeOffset now,
        CancellationToken cancellationToken);

    /// <summary>Incidents of one instance, or of all instances when <paramref name="instanceId"/> is null.</summary>
    Task<IReadOnlyList<Incident>> GetIncidentsAsync(
        string? instanceId, bool openOnly, CancellationToken cancellationToken);

    /// <summary>Appends audit lines; their <see cref="AuditEntry.Id"/> is assigned by the store.</summary>
    Task InsertAuditAsync(
        IStorageTransaction transaction, IReadOnlyCollection<AuditEntry> entries, CancellationToken cancellationToken);

    Task<IReadOnlyList<AuditEntry>> GetAuditAsync(string instanceId, CancellationToken cancellationToken);

    Task InsertNotificationsAsync(
        IStorageTransaction transaction, IReadOnlyCollection<Notification> notifications,
        CancellationToken cancellationToken);

    /// <summary>
    /// One page of <paramref name="userId"/>'s notifications, newest first (ties by id, descending): skips
    /// <paramref name="offset"/> and takes at most <paramref name="limit"/>, with the total over all pages.
    /// </summary>
    Task<NotificationPage> GetNotificationsAsync(
        string userId, bool unreadOnly, int offset, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Ids of the instances that <paramref name="userId"/> was copied on (notifications of kind cc), most recently
    /// copied first, at most <paramref name="limit"/>.
    /// </summary>
    Task<IReadOnlyList<string>> GetCarbonCopiedInstanceIdsAsync(
        string userId, int limit, CancellationToken cancellationToken);

    /// <summary>The notifications of one user about one instance, oldest first, read or not.</summary>
    Task<IReadOnlyList<Notification>> GetInstanceNotificationsAsync(
        string instanceId, string userId, CancellationToken cancellationToken);

    /// <summary>
    /// Marks one of <paramref name="userId"/>'s notifications read at <paramref name="now"/>, keeping the first read
    /// time when it was read already. Returns false when the user has no notification with that id.
    /// </summary>
    Task<bool> MarkNotificationReadAsync(
        string notificationId, string userId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Marks every unread notification of <paramref name="userId"/> read; returns how many it marked.</summary>
    Task<int> MarkAllNotificationsReadAsync(string userId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Replaces the schedules of a flow, keeping the due time of unchanged ones.</summary>
    Task ReplaceSchedulesAsync(
        string flowKey, IReadOnlyCollection<ScheduleRecord> schedules, CancellationToken cancellationToken);

    /// <summary>The schedules of one flow, by id (the trigger's index).</summary>
    Task<IReadOnlyList<ScheduleRecord>> GetSchedulesAsync(string flowKey, CancellationToken cancellationToken);

    Task<IReadOnlyList<ScheduleRecord>> GetDueSchedulesAsync(DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Moves a schedule from <paramref name="expectedDueAt"/> to its next due time; false if it moved already.</summary>
    Task<bool> AdvanceScheduleAsync(
        IStorageTransaction transaction, string scheduleId, DateTimeOffset expectedDueAt, DateTimeOffset nextDueAt,
        DateTimeOffset firedAt, CancellationToken cancellationToken);
}
