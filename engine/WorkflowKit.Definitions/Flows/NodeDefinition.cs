using WorkflowKit.Definitions.Conditions;

namespace WorkflowKit.Definitions.Flows;

/// <summary>
/// One node of a flow. Which properties apply depends on <see cref="Type"/> (see
/// <see cref="NodeTypes"/>); the validator reports properties that do not apply.
/// </summary>
/// <remarks>
/// Expressions in <see cref="Values"/>, <see cref="Input"/>, <see cref="Body"/> and similar
/// maps are JavaScript evaluated against <c>form</c>, <c>vars</c>, <c>initiator</c> and
/// <c>nodes</c> (outputs of earlier automatic nodes).
/// </remarks>
public sealed class NodeDefinition
{
    public string Id { get; set; } = string.Empty;

    public string Type { get; set; } = NodeTypes.Start;

    public LocalizedText? Name { get; set; }

    /// <summary>Canvas position used by the designer.</summary>
    public NodePosition? Position { get; set; }

    // Human tasks (fillIn, approval)

    public List<AssigneeRule>? Assignees { get; set; }

    /// <summary>One of <see cref="ApprovalModes"/>; "single" when not set.</summary>
    public string? ApprovalMode { get; set; }

    /// <summary>Share of assignees (0 to 1] that must approve in vote mode.</summary>
    public decimal? VoteRatio { get; set; }

    /// <summary>Access per form field id; fields not listed are read-only.</summary>
    public Dictionary<string, FieldPermission>? FieldPermissions { get; set; }

    public DeadlineDefinition? Deadline { get; set; }

    public List<ReminderDefinition>? Reminders { get; set; }

    public OverduePolicy? Overdue { get; set; }

    /// <summary>Task actions offered at this node; all actions of the node type when not set.</summary>
    public List<string>? Actions { get; set; }

    /// <summary>
    /// Whether a return at this node may go back to the initiator (退回发起人), who then corrects and resubmits the
    /// form at the start node. True when not set, and it applies only where the node offers <c>return</c>.
    /// </summary>
    public bool? AllowReturnToInitiator { get; set; }

    // CC and notification

    public List<AssigneeRule>? Recipients { get; set; }

    /// <summary>
    /// Who is informed in place of <see cref="Recipients"/> when those rules match nobody, such as the administrators
    /// when a warehouse has no staff. Null or empty keeps the default: a node whose recipients match nobody faults.
    /// </summary>
    public List<AssigneeRule>? FallbackRecipients { get; set; }

    public LocalizedText? Message { get; set; }

    /// <summary>Notification channel: "inApp" (default), "email" or "chat".</summary>
    public string? Channel { get; set; }

    // Records (createRecord, updateRecord)

    /// <summary>Form of the record to create or update, or of the sub-flow's form.</summary>
    public string? Form { get; set; }

    /// <summary>Expression giving the id of the record to update.</summary>
    public string? RecordId { get; set; }

    /// <summary>Condition selecting the records to update when <see cref="RecordId"/> is not set.</summary>
    public Condition? Match { get; set; }

    /// <summary>Field id to expression; each expression's result is written to the field.</summary>
    public Dictionary<string, string>? Values { get; set; }

    /// <summary>Writes into sub-tables of the target record, by sub-table field id.</summary>
    public Dictionary<string, SubTableWrite>? SubTables { get; set; }

    // HTTP call

    public string? Method { get; set; }

    public string? Url { get; set; }

    public Dictionary<string, string>? Headers { get; set; }

    /// <summary>Expression giving the request body, sent as JSON.</summary>
    public string? Body { get; set; }

    /// <summary>ISO 8601 duration such as "PT10S".</summary>
    public string? Timeout { get; set; }

    public RetryPolicy? Retry { get; set; }

    /// <summary>Variable that receives the node's result (HTTP response, script value, sub-flow output).</summary>
    public string? ResultVariable { get; set; }

    // Script

    /// <summary>JavaScript run with <c>form</c> and <c>vars</c> writable.</summary>
    public string? Script { get; set; }

    // Sub-flow

    /// <summary>Key of the flow started as a sub-flow.</summary>
    public string? Flow { get; set; }

    /// <summary>Sub-flow form field id to expression evaluated in the parent.</summary>
    public Dictionary<string, string>? Input { get; set; }

    /// <summary>Whether the parent waits for the sub-flow to end; true unless set to false.</summary>
    public bool? Wait { get; set; }

    /// <summary>
    /// JavaScript giving an array: one sub-flow starts per element, with the element as <c>row</c> in
    /// <see cref="Input"/>. Requires <see cref="Wait"/> false.
    /// </summary>
    public string? ForEach { get; set; }

    // Service

    /// <summary>
    /// Name of a host service registered with the engine, called with <see cref="Input"/> (parameter name to
    /// JavaScript) inside the step; its result lands in <see cref="ResultVariable"/>.
    /// </summary>
    public string? Service { get; set; }

    // Timer

    /// <summary>ISO 8601 duration to wait, such as "PT1H" or "P2D".</summary>
    public string? Duration { get; set; }

    /// <summary>Expression giving the instant to wait until.</summary>
    public string? Until { get; set; }

    /// <summary>Form date field to wait until.</summary>
    public string? UntilField { get; set; }
}
