namespace WorkflowKit.Designer.Services;

/// <summary>Names of task actions.</summary>
public static class TaskActions
{
    public const string Approve = "approve";
    public const string Reject = "reject";
    public const string Submit = "submit";
    public const string Return = "return";
    public const string Transfer = "transfer";
    public const string AddSignerBefore = "addSignerBefore";
    public const string AddSignerAfter = "addSignerAfter";
    public const string Comment = "comment";
    public const string Urge = "urge";
    public const string CarbonCopy = "cc";

    public static IReadOnlyList<string> Approval { get; } =
        [Approve, Reject, Return, Transfer, AddSignerBefore, AddSignerAfter, Comment, CarbonCopy];

    public static IReadOnlyList<string> FillIn { get; } = [Submit, Return, Transfer, Comment, CarbonCopy];
}
