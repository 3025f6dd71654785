using System.Text.Json.Nodes;
using WorkflowKit.Designer.Accounts;

namespace WorkflowKit.Designer.Services;

/// <summary>
/// What the work portal and the API need from the engine: start instances, list and act on
/// tasks, and read instances the user may see.
/// </summary>
public interface IWorkService
{
    Task<IReadOnlyList<StartableFlow>> GetStartableFlowsAsync(UserContext user, CancellationToken cancellationToken);

    /// <summary>
    /// Returns the JSON of the form that version <paramref name="flowVersion"/> of a flow was published with, or null
    /// when that version or its form does not exist.
    /// </summary>
    Task<string?> GetStartFormJsonAsync(string flowKey, int flowVersion, CancellationToken cancellationToken);

    /// <summary>Starts the latest published version of a flow with the submitted form data.</summary>
    /// <exception cref="FormValidationException">The data breaks the form's rules.</exception>
    /// <exception cref="AccessDeniedException">The data sets a field that the start node makes read-only or hidden.</exception>
    Task<InstanceSummary> StartAsync(
        string flowKey, JsonObject data, UserContext user, CancellationToken cancellationToken) =>
        StartAsync(flowKey, data, user, requestKey: null, cancellationToken);

    /// <summary>
    /// Starts the latest published version of a flow once per <paramref name="requestKey"/>: a second start with the
    /// key the same user sent before returns the instance that the first one started, so a double click or a
    /// retried request starts no second instance.
    /// </summary>
    /// <exception cref="FormValidationException">The data breaks the form's rules.</exception>
    /// <exception cref="AccessDeniedException">The data sets a field that the start node makes read-only or hidden.</exception>
    Task<InstanceSummary> StartAsync(
        string flowKey, JsonObject data, UserContext user, string? requestKey, CancellationToken cancellationToken) =>
        StartAsync(flowKey, data, user, requestKey, cancellationToken, StartChannel.Form);

    /// <summary>
    /// Starts the latest published version of a flow as <see cref="StartAsync(string, JsonObject, UserContext, string?, CancellationToken)"/>
    /// does, and stores <paramref name="channel"/> as the instance's trigger kind, so that the audit trail and the
    /// CLI show how it started.
    /// </summary>
    Task<InstanceSummary> StartAsync(
        string flowKey, JsonObject data, UserContext user, string? requestKey, CancellationToken cancellationToken,
        StartChannel channel);

    Task<IReadOnlyList<WorkTask>> GetInboxAsync(UserContext user, CancellationToken cancellationToken);

    Task<IReadOnlyList<WorkTask>> GetDoneAsync(UserContext user, CancellationToken cancellationToken);

    /// <summary>Unread urges of the user's open tasks, newest first, for the inbox.</summary>
    Task<IReadOnlyList<UrgeNotice>> GetUrgesAsync(UserContext user, CancellationToken cancellationToken);

    /// <summary>The user's in-app notifications, newest first, at most 200; only unread ones when asked.</summary>
    Task<IReadOnlyList<UserNotification>> GetNotificationsAsync(
        UserContext user, bool unreadOnly, CancellationToken cancellationToken);

    /// <summary>
    /// One page of the user's in-app notifications, newest first: skips <paramref name="offset"/> and takes at most
    /// <paramref name="limit"/> (1 to 500), with how many there are over all pages.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The offset is negative or the limit is out of range.</exception>
    Task<UserNotificationPage> GetNotificationPageAsync(
        UserContext user, bool unreadOnly, int offset, int limit, CancellationToken cancellationToken);

    /// <summary>Marks one of the user's notifications read; marking a read one again keeps its first read time.</summary>
    /// <exception cref="NotFoundException">The user has no notification with that id.</exception>
    Task MarkNotificationReadAsync(string notificationId, UserContext user, CancellationToken cancellationToken);

    /// <summary>Marks every unread notification of the user read and returns how many it marked.</summary>
    Task<int> MarkAllNotificationsReadAsync(UserContext user, CancellationToken cancellationToken);

    Task<IReadOnlyList<InstanceSummary>> GetSubmissionsAsync(UserContext user, CancellationToken cancellationToken);

    Task<IReadOnlyList<InstanceSummary>> GetCarbonCopiesAsync(UserContext user, CancellationToken cancellationToken);

    /// <summary>Every instance the user may see (all for admins and process owners).</summary>
    Task<IReadOnlyList<InstanceSummary>> GetInstancesAsync(UserContext user, CancellationToken cancellationToken);

    /// <summary>Open tasks of every instance the user may see, for the dashboards.</summary>
    Task<IReadOnlyList<WorkTask>> GetOpenTasksAsync(UserContext user, CancellationToken cancellationToken);

    /// <exception cref="AccessDeniedException">The task is not the user's.</exception>
    Task<TaskDetail?> GetTaskAsync(string taskId, UserContext user, CancellationToken cancellationToken);

    /// <summary>
    /// Acts on a task. Returns one warning per row of another owner that kept its stored values although the
    /// submitted changes differed, because that owner submitted after the task was created.
    /// </summary>
    /// <exception cref="AccessDeniedException">The task is not the user's.</exception>
    /// <exception cref="Storage.ConcurrencyConflictException">The task was completed meanwhile.</exception>
    Task<IReadOnlyList<KeptRowWarning>> ActAsync(
        string taskId, TaskActionRequest request, UserContext user, CancellationToken cancellationToken);

    /// <summary>Withdraws the user's submission; <paramref name="comment"/> is the reason kept in the audit trail.</summary>
    Task WithdrawAsync(string instanceId, string? comment, UserContext user, CancellationToken cancellationToken);

    /// <summary>
    /// Cancels a running instance as an administrator, with <paramref name="reason"/> kept in the audit trail, through
    /// <see cref="WorkflowKit.Runtime.WorkflowEngine.CancelAsync"/>.
    /// </summary>
    /// <exception cref="AccessDeniedException">The user is not an administrator.</exception>
    /// <exception cref="ArgumentException">The reason is empty or longer than the engine's comment limit.</exception>
    /// <exception cref="NotFoundException">No instance has the id.</exception>
    /// <exception cref="Storage.ConcurrencyConflictException">The instance has already ended.</exception>
    Task CancelAsync(string instanceId, string? reason, UserContext user, CancellationToken cancellationToken);

    /// <summary>Reminds the assignees of the instance's open tasks; only its initiator may.</summary>
    Task UrgeAsync(string instanceId, string? comment, UserContext user, CancellationToken cancellationToken);

    /// <summary>
    /// Plans moving a running instance to the latest published version of its flow, for an administrator.
    /// Returns null when the instance does not exist or already runs the latest version.
    /// </summary>
    /// <exception cref="AccessDeniedException">The user is not an administrator.</exception>
    Task<MigrationPreview?> PlanMigrationToLatestAsync(
        string instanceId, UserContext user, CancellationToken cancellationToken);

    /// <summary>Applies a migration plan as the user, an administrator.</summary>
    /// <exception cref="AccessDeniedException">The user is not an administrator.</exception>
    /// <exception cref="Runtime.Migration.MigrationBlockedException">The plan has problems.</exception>
    /// <exception cref="Storage.ConcurrencyConflictException">The instance changed since the plan was made.</exception>
    Task MigrateAsync(Runtime.Migration.MigrationPlan plan, UserContext user, CancellationToken cancellationToken);

    /// <exception cref="AccessDeniedException">The user neither started, acted on nor was CC'd on it.</exception>
    Task<InstanceDetail?> GetInstanceAsync(string instanceId, UserContext user, CancellationToken cancellationToken);

    /// <summary>
    /// The flow an instance runs on and the nodes it visited and waits at, without its form data
    /// or audit trail; null when the instance does not exist. The caller checks access, such as the
    /// record page, which shows it only to users who may read the record the instance wrote.
    /// </summary>
    Task<InstanceProgress?> GetProgressAsync(string instanceId, CancellationToken cancellationToken);

    /// <summary>
    /// Runs a flow document against sample input without saving anything; human tasks count as approved.
    /// </summary>
    Task<TestRunResult> TestRunAsync(string flowJson, JsonObject input, CancellationToken cancellationToken);
}
