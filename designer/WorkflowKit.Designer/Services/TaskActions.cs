using EngineTaskActions = WorkflowKit.Runtime.Tasks.TaskActions;

namespace WorkflowKit.Designer.Services;

/// <summary>Names of task actions: the engine's names, and urge, which the work service carries out itself.</summary>
public static class TaskActions
{
    public const string Approve = EngineTaskActions.Approve;
    public const string Reject = EngineTaskActions.Reject;
    public const string Submit = EngineTaskActions.Submit;
    public const string Return = EngineTaskActions.Return;
    public const string Transfer = EngineTaskActions.Transfer;
    public const string AddSigner = EngineTaskActions.AddSigner;
    public const string AddSignerBefore = EngineTaskActions.AddSignerBefore;
    public const string AddSignerAfter = EngineTaskActions.AddSignerAfter;
    public const string Comment = EngineTaskActions.Comment;
    public const string Urge = "urge";
    public const string CarbonCopy = EngineTaskActions.CarbonCopy;

    /// <summary>The initiator sends a returned form through the flow again, from the resubmission task.</summary>
    public const string Resubmit = EngineTaskActions.Resubmit;

    /// <summary>The initiator withdraws a returned instance, from the resubmission task.</summary>
    public const string Withdraw = EngineTaskActions.Withdraw;

    /// <summary>
    /// Every name <see cref="IWorkService.ActAsync"/> accepts. The work service checks requests against this list and
    /// sends all but urge to the engine, which accepts exactly <see cref="EngineTaskActions.Names"/>.
    /// </summary>
    public static IReadOnlyList<string> Accepted { get; } = [.. EngineTaskActions.Names, Urge];

    public static IReadOnlyList<string> Approval { get; } =
        [Approve, Reject, Return, Transfer, AddSignerBefore, AddSignerAfter, Comment, CarbonCopy];

    public static IReadOnlyList<string> FillIn { get; } = [Submit, Return, Transfer, Comment, CarbonCopy];
}
