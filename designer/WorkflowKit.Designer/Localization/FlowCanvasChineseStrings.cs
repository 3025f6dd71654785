namespace WorkflowKit.Designer.Localization;

/// <summary>
/// Simplified Chinese text of the flow designer's delete confirmation (<see cref="Flows.NodeRemovalDialog"/>), of the
/// withdrawn values editor of <see cref="Flows.WithdrawalSettings"/> and of the branches of approval and fill-in nodes
/// in <see cref="Flows.NodePropertyPanel"/>, merged into
/// <see cref="ChineseStrings.Values"/>.
/// </summary>
public static class FlowCanvasChineseStrings
{
    public static IReadOnlyDictionary<string, string> Values { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Delete node \"{0}\"?"] = "删除节点“{0}”？",
        ["These connections are removed with it:"] = "以下连线将一并删除：",
        ["Left without an outgoing edge: {0}"] = "将没有出口连线的节点：{0}",
        ["Left without an incoming edge: {0}"] = "将没有入口连线的节点：{0}",
        ["Connect these nodes again after the delete, or undo it."] = "删除后请重新连接这些节点，或撤销删除。",
        [", "] = "、",
        ["Values written on withdrawal"] = "撤回时写入的值",
        ["When the initiator withdraws, each field below of the record that the submission created gets the value of its expression, for example 'cancelled' for a status. These values are written after the steps above."] =
            "发起人撤回时，申请创建的记录中下列每个字段会被写入其表达式的值，例如状态写入 'cancelled'。这些值在上述步骤之后写入。",
        ["This flow stores no record when it starts, so there is no record to write these values into."] =
            "此流程发起时不保存记录，因此没有可写入这些值的记录。",
        ["Add value"] = "添加值",
        ["When the task is completed, the first branch whose condition holds is taken, else the default branch. A rejection takes only a branch whose condition holds; with none, the request ends as rejected."] =
            "任务完成时，走第一个条件成立的分支，否则走默认分支。驳回只走条件成立的分支；没有这样的分支时，申请以驳回结束。",
        ["Outcome of this step"] = "本步骤的结果",
        ["Approved"] = "已批准",
        ["Submitted"] = "已提交",
    };
}
