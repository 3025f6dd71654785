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
    public const string AddSigner = "addSigner";
    public const string Comment = "comment";

    public static IReadOnlySet<string> All { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        Approve, Reject, Submit, Return, Transfer, AddSigner, Comment,
    };
}
