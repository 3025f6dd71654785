using System.Text.Json.Nodes;
using WorkflowKit.Definitions;
using WorkflowKit.Definitions.Flows;

namespace WorkflowKit.Designer.Services;

/// <summary>
/// A human task as the inbox and the task page show it. <see cref="OriginalAssigneeId"/> is the user the task was
/// created for, who stays the owner of its sub-table rows after a transfer.
/// </summary>
public sealed record WorkTask(
    string Id,
    string InstanceId,
    string FlowKey,
    LocalizedText FlowName,
    int FlowVersion,
    string NodeId,
    LocalizedText NodeName,
    string NodeType,
    string AssigneeId,
    string OriginalAssigneeId,
    string InitiatorId,
    string InitiatorName,
    string? Title,
    DateTimeOffset CreatedAt,
    DateTimeOffset? DueAt,
    TaskState State,
    string? Outcome,
    DateTimeOffset? ActedAt)
{
    public bool IsOverdue(DateTimeOffset now) => State == TaskState.Open && DueAt is { } due && due < now;

    /// <summary>For an open resubmission task: who returned the instance to the initiator and why; else null.</summary>
    public TaskReturnNote? ReturnNote { get; init; }

    /// <summary>Display name of <see cref="AssigneeId"/>; null when the directory does not know the user.</summary>
    public string? AssigneeName { get; init; }
}

/// <summary>A return to the initiator, as the initiator's resubmission task shows it.</summary>
/// <param name="ReturnedBy">User id of the person who returned the instance.</param>
/// <param name="ReturnedByName">Display name of that person.</param>
/// <param name="FromNodeName">Name of the step whose task was returned.</param>
/// <param name="Comment">The returner's comment, null when they gave none.</param>
/// <param name="At">When the instance was returned.</param>
public sealed record TaskReturnNote(
    string ReturnedBy, string ReturnedByName, LocalizedText FromNodeName, string? Comment, DateTimeOffset At)
{
    /// <summary>The comment in each language when the engine returned the instance at a deadline; else null.</summary>
    public LocalizedText? LocalizedComment { get; init; }

    /// <summary>Gets the comment in <paramref name="culture"/> when the engine wrote it, else as it was written.</summary>
    public string? CommentIn(string culture) => LocalizedComment?.Get(culture) ?? Comment;
}

/// <summary>A step that a task may return to; <see cref="IsInitiator"/> marks the initiator at the start node.</summary>
public sealed record ReturnTargetOption(string NodeId, LocalizedText NodeName, bool IsInitiator);

public enum TaskState
{
    Open,
    Completed,
    Cancelled,
}

public enum InstanceState
{
    Running,
    Completed,
    Rejected,
    Withdrawn,
    Faulted,

    /// <summary>Stopped by an administrator (<c>WorkflowEngine.CancelAsync</c>).</summary>
    Cancelled,
}

/// <summary>A flow instance in lists: my submissions, CC'd to me, record progress.</summary>
public sealed record InstanceSummary(
    string Id,
    string FlowKey,
    LocalizedText FlowName,
    int FlowVersion,
    string FormKey,
    string InitiatorId,
    string InitiatorName,
    InstanceState State,
    string? Title,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    IReadOnlyList<string> CurrentNodes)
{
    /// <summary>
    /// Whether the instance runs but a node of it stopped at an open incident, such as an assignee rule that matched
    /// nobody, so it waits for an administrator or process owner to fix the cause and retry.
    /// </summary>
    public bool NeedsAttention { get; init; }

    /// <summary>
    /// Where a running instance waits, one entry per node: a person's task, a timer node and when it fires, a join
    /// waiting for a branch, a sub-flow node waiting for its child, and the like. Empty once the instance ended.
    /// </summary>
    public IReadOnlyList<InstanceWait> Waits { get; init; } = [];
}

/// <summary>
/// A node where a running instance waits. <see cref="Kind"/> is one of <see cref="InstanceWaitKinds"/>.
/// </summary>
public sealed record InstanceWait(string NodeId, LocalizedText NodeName, string Kind)
{
    /// <summary>
    /// When the timer of a timer node fires, or when a failed call is retried, with the tenant time zone's offset;
    /// null for other waits.
    /// </summary>
    public DateTimeOffset? Until { get; init; }

    /// <summary>The ids of the running sub-flows that a sub-flow node waits for; empty for other waits.</summary>
    public IReadOnlyList<string> ChildInstanceIds { get; init; } = [];
}

/// <summary>What an instance waits for at a node (<see cref="InstanceWait.Kind"/>).</summary>
public static class InstanceWaitKinds
{
    /// <summary>A person's task: an approval, fill-in or the initiator's resubmission.</summary>
    public const string Task = "task";

    /// <summary>A timer node, until its due time or a signal.</summary>
    public const string Timer = "timer";

    /// <summary>A parallel join, for the branches that have not arrived yet.</summary>
    public const string Join = "join";

    /// <summary>A sub-flow node, for its running sub-flows to end.</summary>
    public const string SubFlow = "subFlow";

    /// <summary>An HTTP node, for the reply of its call.</summary>
    public const string Call = "call";

    /// <summary>A node whose step failed, until it is retried.</summary>
    public const string Retry = "retry";

    /// <summary>A node stopped at an open incident, until an administrator retries it.</summary>
    public const string Incident = "incident";
}

/// <summary>One line of an instance's audit trail.</summary>
public sealed record AuditEntry(
    DateTimeOffset At,
    string UserId,
    string UserName,
    string Action,
    string? NodeId,
    string? Comment,
    JsonObject? Changes)
{
    /// <summary>The person the action went to: transferred to, copied, or added as a signer; null for other actions.</summary>
    public string? TargetName { get; init; }

    /// <summary>The flow versions of a migration line, so that the page words it; null for other actions.</summary>
    public AuditMigration? Migration { get; init; }

    /// <summary>The instance that a sub-flow line started, so that the page links to it; null for other actions.</summary>
    public string? ChildInstanceId { get; init; }

    /// <summary>
    /// The sub-flow that a <c>subflow.started</c> line started, or that a person's line shown in its parent's trail
    /// comes from. It is null for other lines and when the viewer may not open that sub-flow.
    /// </summary>
    public AuditSubFlow? SubFlow { get; init; }

    /// <summary>Whether the line is a person's action in <see cref="SubFlow"/>, copied into its parent's trail.</summary>
    public bool FromSubFlow { get; init; }

    /// <summary>The record that a <c>record.created</c> line created, or null for other actions.</summary>
    public AuditRecord? Record { get; init; }

    /// <summary>The person whose action ran the engine's step of a system line, such as a record it created.</summary>
    public string? OnBehalfOfName { get; init; }

    /// <summary>
    /// The comment in each language of a decision that the engine took, such as at a task's deadline; null for a
    /// person's comment, which <see cref="Comment"/> has as it was written.
    /// </summary>
    public LocalizedText? LocalizedComment { get; init; }
}

/// <summary>The flow versions an instance moved between, read from a migration's audit line.</summary>
public sealed record AuditMigration(int FromVersion, int ToVersion);

/// <summary>An instance with its data, the path it took and its audit trail.</summary>
public sealed record InstanceDetail(
    InstanceSummary Summary,
    JsonObject Data,
    string FlowJson,
    string? FormJson,
    IReadOnlyList<string> VisitedNodes,
    IReadOnlyList<string> TraversedEdges,
    IReadOnlyList<WorkTask> Tasks,
    IReadOnlyList<AuditEntry> Audit)
{
    /// <summary>
    /// Fields and sub-table columns (<c>table.column</c>) left out of <see cref="Data"/> because the node of the
    /// viewer's task hides them. It is empty when the viewer is shown the whole form.
    /// </summary>
    public IReadOnlyCollection<string> HiddenFields { get; init; } = [];

    /// <summary>Open incidents of the instance, oldest first: the faults its nodes stopped at.</summary>
    public IReadOnlyList<IncidentSummary> Incidents { get; init; } = [];
}

/// <summary>An instance's path on its flow diagram: visited and traversed so far, and where it waits.</summary>
public sealed record InstanceProgress(
    InstanceSummary Summary,
    string FlowJson,
    IReadOnlyList<string> VisitedNodes,
    IReadOnlyList<string> TraversedEdges);

/// <summary>A task with what the assignee needs to act: the instance, the form and the node.</summary>
public sealed record TaskDetail(WorkTask Task, InstanceDetail Instance, IReadOnlyList<string> Actions)
{
    /// <summary>
    /// The steps the task may return to, the initiator first. <see cref="Actions"/> offers return only when this list
    /// is not empty.
    /// </summary>
    public IReadOnlyList<ReturnTargetOption> ReturnTargets { get; init; } = [];

    /// <summary>
    /// Access per field at the task's node. A resubmission task applies the start node's field permissions, where a
    /// start node without any lets the initiator edit every field.
    /// </summary>
    public IReadOnlyDictionary<string, string> FieldAccess { get; init; } = new Dictionary<string, string>();
}

/// <summary>An action on a task; which extra values apply depends on the action.</summary>
/// <param name="Action">One of <see cref="TaskActions"/>, or <c>addSigner</c> with <paramref name="SignerPosition"/>.</param>
/// <param name="Comment">The comment for the history.</param>
/// <param name="Changes">Changed form fields, field id to value.</param>
/// <param name="TargetUserId">For transfer, adding a signer and cc: the user who receives the task or the copy.</param>
/// <param name="TargetNodeId">
/// For return: the earlier node to return to, or the start node's id or <c>:initiator</c> to return to the initiator.
/// When null, the previous human node, or the initiator at the first human node.
/// </param>
/// <param name="SignerPosition">
/// For <c>addSigner</c>: "before" or "after" the acting user, "after" when null. <c>addSignerBefore</c> and
/// <c>addSignerAfter</c> carry the position in their name.
/// </param>
public sealed record TaskActionRequest(
    string Action,
    string? Comment = null,
    JsonObject? Changes = null,
    string? TargetUserId = null,
    string? TargetNodeId = null,
    string? SignerPosition = null);

/// <summary>
/// A row owned by another user that a task action kept as that user submitted it, ignoring the differing copy in the
/// submitted changes, because that user submitted after the task was created.
/// </summary>
/// <param name="SubTable">Field id of the sub-table.</param>
/// <param name="Row">One-based row number.</param>
/// <param name="Owner">User id in the row's owner column.</param>
/// <param name="Message">The same in a sentence, with what to do.</param>
public sealed record KeptRowWarning(string SubTable, int Row, string Owner, string Message);

/// <summary>Body of a successful task action that has warnings.</summary>
public sealed record TaskActionResponse(IReadOnlyList<KeptRowWarning> Warnings);

/// <summary>A flow the user may start, with the form they fill in.</summary>
public sealed record StartableFlow(string FlowKey, LocalizedText Name, int Version, string FormKey, string FormJson)
{
    /// <summary>
    /// Field permissions of the start node, which the engine applies to the form data of a start. Null when the start
    /// node lists none, so that every field can be set.
    /// </summary>
    public IReadOnlyDictionary<string, FieldPermission>? StartPermissions { get; init; }

    /// <summary>Whether the start writes a record of the form (<c>settings.startCreatesRecord</c>).</summary>
    public bool StartCreatesRecord { get; init; }

    /// <summary>The flow's time zone (<c>settings.timeZone</c>), an IANA id, or null when the flow uses the tenant's.</summary>
    public string? TimeZone { get; init; }

    /// <summary>The flow's description, which tells staff what the flow is for, or null when it has none.</summary>
    public LocalizedText? Description { get; init; }
}

/// <summary>The path a test run took through a flow and what it decided on the way.</summary>
public sealed record TestRunResult(
    IReadOnlyList<string> VisitedNodes,
    IReadOnlyList<string> TraversedEdges,
    IReadOnlyList<string> Messages,
    bool Completed);

/// <summary>
/// An unread urge (催办) that reached the user: who urged, on which open task, with the comment given and when.
/// <see cref="NotificationId"/> is the urge's notification, which marking read takes off the inbox.
/// </summary>
public sealed record UrgeNotice(
    string NotificationId,
    string TaskId,
    string InstanceId,
    LocalizedText NodeName,
    string? Title,
    string UrgedBy,
    string UrgedByName,
    string? Comment,
    DateTimeOffset At);

/// <summary>
/// An in-app notification of the user: a notification node's message, a reminder before or after a deadline, a CC,
/// an urge or a task assignment. <see cref="Kind"/> is one of <see cref="Runtime.Notifications.NotificationKinds"/>,
/// and <see cref="Message"/> is the text the engine rendered when it wrote the notification, if any.
/// </summary>
public sealed record UserNotification(
    string Id,
    string Kind,
    LocalizedText? Message,
    string? InstanceId,
    string? TaskId,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ReadAt)
{
    public bool IsRead => ReadAt is not null;

    /// <summary>
    /// Whether the reader may open <see cref="InstanceId"/>: false when they are neither its initiator, an assignee,
    /// a CC recipient nor a process owner, as for an instance that a schedule started and only notified them.
    /// </summary>
    public bool CanOpenInstance { get; init; }

    /// <summary>Whether <see cref="TaskId"/> is still assigned to the reader, so its task page opens for them.</summary>
    public bool CanOpenTask { get; init; }
}

/// <summary>One page of the user's notifications, newest first, and how many there are over all pages.</summary>
public sealed record UserNotificationPage(IReadOnlyList<UserNotification> Items, int Total);
