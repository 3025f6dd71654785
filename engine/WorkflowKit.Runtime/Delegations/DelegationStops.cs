namespace WorkflowKit.Runtime.Delegations;

/// <summary>Why a delegation route stopped before the last delegate, as written to the audit trail.</summary>
public static class DelegationStops
{
    /// <summary>The next delegate is already in the chain (A→B while B→A).</summary>
    public const string Cycle = "cycle";

    /// <summary>The next delegate started the submission, and the node's assignee rules do not include the initiator.</summary>
    public const string Initiator = "initiator";

    /// <summary>The next delegate already takes part in the node: another assignee, a signer or an approver.</summary>
    public const string TakesPart = "takesPart";
}
