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

    /// <summary>The name a node's <c>actions</c> list uses to offer adding a signer before the actor.</summary>
    public const string AddSignerBefore = "addSignerBefore";

    /// <summary>The name a node's <c>actions</c> list uses to offer adding a signer after the actor.</summary>
    public const string AddSignerAfter = "addSignerAfter";

    /// <summary>The actions a request may name.</summary>
    public static IReadOnlySet<string> All { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        Approve, Reject, Submit, Return, Transfer, AddSigner, Comment, CarbonCopy,
    };
}
