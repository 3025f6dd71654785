namespace WorkflowKit.Runtime.Approvals;

/// <summary>Where an approval round stands after a decision by one signer.</summary>
internal enum RoundDecision
{
    Pending,
    Approved,
    Rejected,
}
