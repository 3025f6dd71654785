namespace WorkflowKit.Designer;

/// <summary>Log messages of the designer; event ids 5000-5999.</summary>
internal static partial class DesignerLog
{
    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "User {UserId} signed in")]
    public static partial void SignedIn(ILogger logger, string userId);

    [LoggerMessage(
        EventId = 5002, Level = LogLevel.Warning, Message = "A sign-in failed: unknown user or wrong password")]
    public static partial void SignInFailed(ILogger logger);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Warning,
        Message = "A sign-in failed because the database is unreachable: {Reason}")]
    public static partial void SignInDatabaseUnreachable(ILogger logger, string reason);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Warning,
        Message = "{Method} {Path} failed with 503 because the database is unreachable: {Reason}")]
    public static partial void DatabaseUnreachable(ILogger logger, string method, string path, string reason);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Error, Message = "Admin action '{Action}' on {Subject} failed")]
    public static partial void AdminChangeFailed(ILogger logger, string action, string subject, Exception error);

    [LoggerMessage(EventId = 5006, Level = LogLevel.Warning,
        Message = "Admin action '{Action}' on {Subject} was rejected: {Reason}")]
    public static partial void AdminInputRejected(ILogger logger, string action, string subject, string reason);

    [LoggerMessage(EventId = 5007, Level = LogLevel.Critical, Message = "{Reason}")]
    public static partial void StartFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 5009, Level = LogLevel.Critical, Message = "{Problem}")]
    public static partial void SettingInvalid(ILogger logger, string problem);

    [LoggerMessage(EventId = 5008, Level = LogLevel.Warning,
        Message = "An earlier first start on {Database} stopped while it loaded the demo accounts and sample data; " +
            "they are not loaded again, because WorkflowKit:DemoAccounts and WorkflowKit:SampleData are false")]
    public static partial void FirstStartIncompleteKept(ILogger logger, string database);

    [LoggerMessage(EventId = 5009, Level = LogLevel.Warning,
        Message = "The database ({Database}) cannot be reached yet (attempt {Attempt}: {Reason}); trying again in " +
            "{DelaySeconds} s, for at most {RemainingSeconds} s more")]
    public static partial void DatabaseNotReachableYet(
        ILogger logger, string database, int attempt, string delaySeconds, string remainingSeconds, string reason);

    [LoggerMessage(EventId = 5015, Level = LogLevel.Information,
        Message = "The database ({Database}) answered after {WaitedSeconds} s, at attempt {Attempt}")]
    public static partial void DatabaseReachedAfterWait(ILogger logger, string database, string waitedSeconds, int attempt);

    [LoggerMessage(EventId = 5016, Level = LogLevel.Information,
        Message = "Another node holds the first-start lock of the database ({Database}), so this node waits until " +
            "that node has finished its first start (creating the demo accounts and loading the sample data)")]
    public static partial void WaitingForOtherFirstStart(ILogger logger, string database);

    [LoggerMessage(EventId = 5010, Level = LogLevel.Information, Message = "Database ready: {Database}")]
    public static partial void DatabaseReady(ILogger logger, string database);

    [LoggerMessage(EventId = 5011, Level = LogLevel.Information, Message = "Created {Count} demo accounts")]
    public static partial void DemoAccountsCreated(ILogger logger, int count);

    [LoggerMessage(EventId = 5012, Level = LogLevel.Information, Message = "Loaded template {Kind} {Key}")]
    public static partial void TemplateLoaded(ILogger logger, string kind, string key);

    [LoggerMessage(EventId = 5013, Level = LogLevel.Warning, Message = "Skipped template file {File}: {Reason}")]
    public static partial void TemplateSkipped(ILogger logger, string file, string reason);

    [LoggerMessage(EventId = 5014, Level = LogLevel.Information,
        Message = "Loaded {Count} public holidays and make-up workdays of {Region} for {Years} into the workday calendar")]
    public static partial void PublicHolidaysLoaded(ILogger logger, int count, string region, string years);

    [LoggerMessage(EventId = 5020, Level = LogLevel.Information,
        Message = "{Kind} {Key} version {Version} published by {UserId}")]
    public static partial void Published(ILogger logger, string kind, string key, int version, string userId);

    [LoggerMessage(EventId = 5030, Level = LogLevel.Information,
        Message = "Instance {InstanceId} of {FlowKey} v{Version} started by {UserId}")]
    public static partial void InstanceStarted(
        ILogger logger, string instanceId, string flowKey, int version, string userId);

    [LoggerMessage(EventId = 5031, Level = LogLevel.Information,
        Message = "Task {TaskId} of instance {InstanceId}: {Action} by {UserId}")]
    public static partial void TaskActed(
        ILogger logger, string taskId, string instanceId, string action, string userId);

    [LoggerMessage(EventId = 5032, Level = LogLevel.Information,
        Message = "Task {TaskId} of instance {InstanceId}: row {Row} of sub-table {SubTable} kept as {Owner} " +
                  "submitted it, and the copy from {UserId} was ignored")]
    public static partial void OwnerRowKept(
        ILogger logger, string taskId, string instanceId, string subTable, int row, string owner, string userId);

    [LoggerMessage(EventId = 5034, Level = LogLevel.Information,
        Message = "The work service rejected {Action} on {Target} by {UserId}; the page showed a localized message")]
    public static partial void PageActionRejected(
        ILogger logger, string target, string action, string userId, Exception error);

    [LoggerMessage(EventId = 5033, Level = LogLevel.Information,
        Message = "Incident {IncidentId} of instance {InstanceId} retried by {UserId}; {Raised} new incident(s)")]
    public static partial void IncidentRetried(
        ILogger logger, string incidentId, string instanceId, string userId, int raised);

    [LoggerMessage(EventId = 5035, Level = LogLevel.Information,
        Message = "Draft sweep deleted {Count} form draft(s): task drafts nobody can send and start drafts saved before {Before}")]
    public static partial void DraftsSwept(ILogger logger, int count, DateTimeOffset before);

    [LoggerMessage(EventId = 5036, Level = LogLevel.Error, Message = "Draft sweep failed; it runs again in {Interval}")]
    public static partial void DraftSweepFailed(ILogger logger, TimeSpan interval, Exception error);
}
