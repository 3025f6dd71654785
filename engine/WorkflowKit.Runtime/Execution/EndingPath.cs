using WorkflowKit.Runtime.Instances;

namespace WorkflowKit.Runtime.Execution;

/// <summary>
/// One of the two paths of automatic nodes that run inside the step that ends an instance: the withdrawal path
/// (<c>settings.onWithdraw</c>) and the cancellation path (<c>settings.onCancel</c>). The words fill the path's audit
/// marks and its error message.
/// </summary>
/// <param name="Name">The path's name in messages, such as "withdrawal path".</param>
/// <param name="Setting">The flow setting that names the path's first node.</param>
/// <param name="AuditDetail">The audit detail set to true on the path's node lines.</param>
/// <param name="Ended">The past participle of the action, such as "withdrawn".</param>
/// <param name="Action">The verb that the advice to try again uses, such as "withdraw".</param>
/// <param name="Error">The error of the exception that a failing node raises.</param>
internal sealed record EndingPath(
    string Name, string Setting, string AuditDetail, string Ended, string Action, InstanceActionError Error)
{
    public static readonly EndingPath Withdrawal = new(
        "withdrawal path", "settings.onWithdraw", "withdrawal", "withdrawn", "withdraw",
        InstanceActionError.WithdrawalPathFailed);

    public static readonly EndingPath Cancellation = new(
        "cancellation path", "settings.onCancel", "cancellation", "cancelled", "cancel",
        InstanceActionError.CancellationPathFailed);
}
