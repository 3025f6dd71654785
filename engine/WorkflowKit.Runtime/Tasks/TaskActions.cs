namespace WorkflowKit.Runtime.Tasks;

/// <summary>Names of task actions.</summary>
public static class TaskActions
{
    public const string Approve = "approve";
    public const string Reject = "reject";

    /// <summary>Completes a fill-in task; "approve" is accepted as a synonym there.</summary>
    public const string Submit = "submit";

    public const string Return = "return";
    public const string Transfer = "transfer";

    /// <summary>Adds a signer; <see cref="TaskActionRequest.SignerPosition"/> is before or after the actor.</summary>
    public const string AddSigner = "addSigner";

    public const string Comment = "comment";

    /// <summary>Copies another user on the instance: a notification and read access; the task stays open.</summary>
    public const string CarbonCopy = "cc";

    /// <summary>
    /// Adds a signer before the actor. A node's <c>actions</c> list offers it under this name, and a request may send
    /// it in place of <see cref="AddSigner"/> with <see cref="TaskActionRequest.SignerPosition"/> "before".
    /// </summary>
    public const string AddSignerBefore = "addSignerBefore";

    /// <summary>Adds a signer after the actor, as the counterpart of <see cref="AddSignerBefore"/>.</summary>
    public const string AddSignerAfter = "addSignerAfter";

    /// <summary>
    /// Sends a form that was returned to the initiator through the flow again. Offered only on the initiator's
    /// resubmission task at the start node.
    /// </summary>
    public const string Resubmit = "resubmit";

    /// <summary>
    /// Ends an instance that was returned to the initiator as withdrawn. Offered only on the initiator's resubmission
    /// task, and only when the flow's <c>settings.allowWithdraw</c> is not false.
    /// </summary>
    public const string Withdraw = "withdraw";

    /// <summary>
    /// The actions a request may name, in the order error messages and help texts list them. The engine accepts
    /// exactly these names, so every list of accepted actions is built from this one.
    /// </summary>
    public static IReadOnlyList<string> Names { get; } =
        [
            Approve, Reject, Submit, Return, Transfer, AddSigner, AddSignerBefore, AddSignerAfter, Comment, CarbonCopy,
            Resubmit, Withdraw,
        ];

    /// <summary>The names of <see cref="Names"/> as a set.</summary>
    public static IReadOnlySet<string> All { get; } = new HashSet<string>(Names, StringComparer.Ordinal);
}
