namespace WorkflowKit.Definitions.Flows;

/// <summary>Flow-wide behaviour.</summary>
public sealed class FlowSettings
{
    /// <summary>
    /// Whether the initiator may withdraw until the first task action, and again while a returned instance waits for
    /// the initiator to resubmit. True unless set to false.
    /// </summary>
    public bool? AllowWithdraw { get; set; }

    /// <summary>
    /// User id of the process owner: the person accountable for the flow. The engine gives them a task whose
    /// delegations loop when the node's escalation targets are all in the loop. Null when the flow names no owner.
    /// </summary>
    public string? Owner { get; set; }

    /// <summary>IANA time zone for cron and deadlines, overriding the tenant's (default Asia/Shanghai).</summary>
    public string? TimeZone { get; set; }

    /// <summary>
    /// Whether a start from a form submission or an API call also stores its data as a record of the flow's form, in
    /// the start's transaction. The store assigns the serial numbers, the record's data becomes the instance's form
    /// data and <c>vars.recordId</c> contains the record's id. False unless set.
    /// </summary>
    public bool? StartCreatesRecord { get; set; }

    /// <summary>
    /// Values written into the record that the start created (see <see cref="StartCreatesRecord"/>) when the initiator
    /// withdraws the instance: field id to expression, as in an updateRecord node, such as status = 'cancelled'.
    /// </summary>
    public Dictionary<string, string>? WithdrawnValues { get; set; }

    /// <summary>
    /// The withdrawal path: where a withdrawal continues after the engine cancelled the instance's open tasks, tokens
    /// and timers, so that automatic nodes can undo what earlier automatic steps did. Null when a withdrawal only ends
    /// the instance.
    /// </summary>
    public WithdrawalPath? OnWithdraw { get; set; }

    /// <summary>
    /// The cancellation path: where an administrator's cancel continues after the engine cancelled the instance's open
    /// tasks, tokens, timers and running sub-flows. It has the shape and the node types of <see cref="OnWithdraw"/>.
    /// Null when a cancel only ends the instance.
    /// </summary>
    public WithdrawalPath? OnCancel { get; set; }
}
