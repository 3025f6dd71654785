namespace WorkflowKit.Definitions.Flows;

/// <summary>
/// The flow settings <c>settings.onWithdraw</c> and <c>settings.onCancel</c>: the node where a withdrawal or a cancel
/// continues. Only condition, script, createRecord, updateRecord, notification and end nodes may follow it, because the
/// path runs inside the transaction that ends the instance and cannot wait.
/// </summary>
public sealed class WithdrawalPath
{
    /// <summary>Id of the first node of the path.</summary>
    public string? Node { get; set; }

    /// <summary>The node types a withdrawal path may contain.</summary>
    public static IReadOnlySet<string> NodeTypesAllowed { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        NodeTypes.Condition, NodeTypes.Script, NodeTypes.CreateRecord, NodeTypes.UpdateRecord,
        NodeTypes.Notification, NodeTypes.End,
    };
}
