namespace WorkflowKit.Runtime.Audit;

/// <summary>Action names written to the audit trail.</summary>
public static class AuditActions
{
    public const string InstanceStarted = "instance.started";
    public const string InstanceCompleted = "instance.completed";
    public const string InstanceRejected = "instance.rejected";
    public const string InstanceWithdrawn = "instance.withdrawn";
    public const string InstanceCancelled = "instance.cancelled";

    /// <summary>An administrator moved the instance to another version of its flow.</summary>
    public const string InstanceMigrated = "instance.migrated";
    public const string NodeEntered = "node.entered";
    public const string NodeCompleted = "node.completed";
    public const string TaskCreated = "task.created";
    public const string TaskCancelled = "task.cancelled";
    public const string TimerFired = "timer.fired";
    public const string Reminder = "task.reminder";
    public const string Overdue = "task.overdue";
    public const string TaskEscalated = "task.escalated";

    /// <summary>A delegation gave a task to a delegate in place of the user the node named; details name the chain.</summary>
    public const string TaskDelegated = "task.delegated";

    /// <summary>A delegation in force was not followed, because of a cycle or a guard; the details record which and why.</summary>
    public const string DelegationSkipped = "task.delegationSkipped";

    /// <summary>
    /// A task whose delegation route looped went to someone outside the loop; details name the <c>loop</c>, the new
    /// holder as <c>to</c> and whether they are the step's escalation target or the flow's owner as <c>holderRole</c>.
    /// </summary>
    public const string DelegationLoop = "task.delegationLoop";

    /// <summary>An escalation at the deadline failed, because its <c>to</c> rules resolved to no user.</summary>
    public const string TaskEscalationFailed = "task.escalationFailed";
    /// <summary>A sub-flow node started a child instance; details name it as <c>child</c> and its flow as <c>flow</c>.</summary>
    public const string SubFlowStarted = "subflow.started";

    /// <summary>
    /// A createRecord node created a record. The details name its form as <c>form</c>, its id as <c>recordId</c> and,
    /// when a person's action ran the step, that user as <c>onBehalfOf</c>.
    /// </summary>
    public const string RecordCreated = "record.created";
    public const string Signal = "signal";
    public const string HttpReplied = "http.replied";
    public const string Incident = "incident.raised";
    public const string IncidentRetried = "incident.retried";

    /// <summary>
    /// A return to the initiator (退回发起人), written in place of <c>task.return</c>; its details name the start node as
    /// <c>returnedTo</c>. The initiator's resubmission is <c>task.resubmit</c>.
    /// </summary>
    public const string ReturnedToInitiator = "task.returnToInitiator";

    /// <summary>Prefix of task actions: "task.approve", "task.reject" and so on.</summary>
    public const string TaskActionPrefix = "task.";
}
