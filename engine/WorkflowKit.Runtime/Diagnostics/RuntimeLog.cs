using Microsoft.Extensions.Logging;

namespace WorkflowKit.Runtime.Diagnostics;

/// <summary>Runtime log events, ids 2000-2099. Form data and variables are never logged.</summary>
internal static partial class RuntimeLog
{
    [LoggerMessage(2000, LogLevel.Information, "Instance {InstanceId} of {FlowKey} v{FlowVersion} started by {Initiator} ({Trigger})")]
    public static partial void InstanceStarted(
        ILogger logger, string instanceId, string flowKey, int flowVersion, string initiator, string trigger);

    [LoggerMessage(2001, LogLevel.Information, "Instance {InstanceId} of {FlowKey} v{FlowVersion} ended {Status} at {EndNodeId} after {Duration}")]
    public static partial void InstanceEnded(
        ILogger logger, string instanceId, string flowKey, int flowVersion, string status, string? endNodeId,
        TimeSpan duration);

    [LoggerMessage(2002, LogLevel.Debug, "Step {Step} of instance {InstanceId} committed at version {Version}")]
    public static partial void StepCommitted(ILogger logger, string step, string instanceId, long version);

    [LoggerMessage(2003, LogLevel.Debug, "Instance {InstanceId} token {TokenId} entered {NodeId}")]
    public static partial void NodeEntered(ILogger logger, string instanceId, string tokenId, string nodeId);

    [LoggerMessage(2004, LogLevel.Warning,
        "Instance {InstanceId} node {NodeId} raised a {Kind} incident {IncidentId}: {Message}")]
    public static partial void IncidentRaised(
        ILogger logger, string instanceId, string nodeId, string kind, string incidentId, string message);

    [LoggerMessage(2005, LogLevel.Warning, "Instance {InstanceId} node {NodeId} failed (attempt {Attempt}), retry at {RetryAt}")]
    public static partial void NodeRetryScheduled(
        ILogger logger, Exception exception, string instanceId, string nodeId, int attempt, DateTimeOffset retryAt);

    [LoggerMessage(2006, LogLevel.Debug, "Step {Step} of instance {InstanceId} lost a version race; retrying")]
    public static partial void StepConflictRetry(ILogger logger, string step, string instanceId);

    [LoggerMessage(2007, LogLevel.Information, "Instance {InstanceId} of {FlowKey} moved from v{FromVersion} to v{ToVersion} by {UserId}")]
    public static partial void InstanceMigrated(
        ILogger logger, string instanceId, string flowKey, int fromVersion, int toVersion, string userId);

    [LoggerMessage(2010, LogLevel.Debug, "Timer {TimerId} ({Kind}) of instance {InstanceId} fired")]
    public static partial void TimerFired(ILogger logger, string timerId, string kind, string? instanceId);

    [LoggerMessage(2011, LogLevel.Error, "Timer {TimerId} of instance {InstanceId} failed to fire")]
    public static partial void TimerFailed(ILogger logger, Exception exception, string timerId, string? instanceId);

    [LoggerMessage(2012, LogLevel.Information, "Delegation {DelegationId} from {UserId} moved {Moved} of {Open} open tasks")]
    public static partial void DelegatedTasksMoved(ILogger logger, string delegationId, string userId, int moved, int open);

    [LoggerMessage(2013, LogLevel.Error, "Moving task {TaskId} of delegation {DelegationId} failed; the task stays with its assignee")]
    public static partial void DelegatedTaskMoveFailed(ILogger logger, Exception exception, string taskId, string delegationId);

    [LoggerMessage(2020, LogLevel.Debug, "Outbox message {MessageId} ({Kind}) delivered on attempt {Attempt}")]
    public static partial void OutboxDelivered(ILogger logger, string messageId, string kind, int attempt);

    [LoggerMessage(2021, LogLevel.Warning, "Outbox message {MessageId} ({Kind}) failed on attempt {Attempt}: {Error}")]
    public static partial void OutboxAttemptFailed(ILogger logger, string messageId, string kind, int attempt, string error);

    [LoggerMessage(2022, LogLevel.Error, "Outbox message {MessageId} ({Kind}) gave up after {Attempt} attempts: {Error}")]
    public static partial void OutboxGaveUp(ILogger logger, string messageId, string kind, int attempt, string error);

    [LoggerMessage(2023, LogLevel.Error, "Outbox message {MessageId} ({Kind}) failed to deliver or acknowledge")]
    public static partial void OutboxFailed(ILogger logger, Exception exception, string messageId, string kind);

    [LoggerMessage(2030, LogLevel.Information, "Schedule {ScheduleId} started instance {InstanceId}; next at {NextDueAt}")]
    public static partial void ScheduleFired(ILogger logger, string scheduleId, string instanceId, DateTimeOffset nextDueAt);

    [LoggerMessage(2031, LogLevel.Error, "Schedule {ScheduleId} failed to start its flow")]
    public static partial void ScheduleFailed(ILogger logger, Exception exception, string scheduleId);

    [LoggerMessage(2032, LogLevel.Information, "Scheduled flow {FlowKey} started instance {InstanceId}, run now by {UserId}")]
    public static partial void ScheduleRunNow(ILogger logger, string flowKey, string instanceId, string userId);

    [LoggerMessage(2035, LogLevel.Information,
        "Record {Event} of {FormKey} #{RecordId} started flow {FlowKey} as instance {InstanceId}")]
    public static partial void RecordTriggerFired(
        ILogger logger, string @event, string formKey, long recordId, string flowKey, string instanceId);

    [LoggerMessage(2036, LogLevel.Information, "Synced the triggers of {Synced} of {Published} published flows")]
    public static partial void TriggersSynced(ILogger logger, int synced, int published);

    [LoggerMessage(2040, LogLevel.Error, "The engine's background round failed; it runs again after {Delay}")]
    public static partial void BackgroundRoundFailed(ILogger logger, Exception exception, TimeSpan delay);

    [LoggerMessage(2041, LogLevel.Warning,
        "The engine's background rounds cannot reach the database; timers, outbox messages and schedules wait until " +
        "it is back. The next round runs after {Delay}, and each failed round doubles the wait up to {MaxDelay}")]
    public static partial void DatabaseUnreachable(ILogger logger, Exception exception, TimeSpan delay, TimeSpan maxDelay);

    [LoggerMessage(2042, LogLevel.Debug,
        "The database is still unreachable after {Rounds} background rounds; the next runs after {Delay}")]
    public static partial void DatabaseStillUnreachable(ILogger logger, int rounds, TimeSpan delay);

    [LoggerMessage(2044, LogLevel.Warning,
        "The database is busy: another connection, such as a long \"workflowkit records import\", holds its write " +
        "lock, so timers, outbox messages and schedules wait until it commits. The next round runs after {Delay}")]
    public static partial void DatabaseBusy(ILogger logger, TimeSpan delay);

    [LoggerMessage(2045, LogLevel.Debug,
        "The database is still busy after {Rounds} background rounds; the next runs after {Delay}")]
    public static partial void DatabaseStillBusy(ILogger logger, int rounds, TimeSpan delay);

    [LoggerMessage(2046, LogLevel.Information,
        "The engine's background rounds write to the database again, after {Rounds} busy rounds over {Duration}")]
    public static partial void DatabaseFreeAgain(ILogger logger, int rounds, TimeSpan duration);

    [LoggerMessage(2043, LogLevel.Information,
        "The engine's background rounds reach the database again, after {Rounds} failed rounds over {Duration}")]
    public static partial void DatabaseReachableAgain(ILogger logger, int rounds, TimeSpan duration);
}
