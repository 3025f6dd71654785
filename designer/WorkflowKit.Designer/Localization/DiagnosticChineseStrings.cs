namespace WorkflowKit.Designer.Localization;

/// <summary>
/// Simplified Chinese text of the designer's wording of validator diagnostics (<see cref="Diagnostics.DiagnosticText"/>
/// and <see cref="Diagnostics.DiagnosticPlaces"/>), merged into <see cref="ChineseStrings.Values"/>.
/// </summary>
public static class DiagnosticChineseStrings
{
    public static IReadOnlyDictionary<string, string> Values { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["\"{0}\""] = "“{0}”",
        ["\"{0}\" ({1})"] = "“{0}”({1})",
        ["{0}: {1}"] = "{0}：{1}",
        ["Node {0}"] = "节点{0}",
        ["Branch {0} of {1}"] = "{1}的分支{0}",
        ["Connection {0}"] = "连线{0}",
        ["Field {0}"] = "字段{0}",
        ["Column {0} of {1}"] = "{1}的列{0}",
        ["Rule {0}"] = "规则{0}",
        ["Condition of rule {0}"] = "规则{0}的条件",
        ["Fields marked by rule {0}"] = "规则{0}标记的字段",
        ["Trigger {0}"] = "触发方式 {0}",
        ["Title field"] = "标题字段",
        ["Indexed fields"] = "索引字段",
        ["View"] = "视图",
        ["Package"] = "模板包",
        ["Show them"] = "展开",
        ["Hide them"] = "收起",
        ["A withdrawal continues at node \"{0}\", which the flow does not have. Under \"{1}\" in the flow settings, choose another node, or choose \"{2}\"."] =
            "撤回时要继续的节点“{0}”在流程中不存在。请在流程设置的“{1}”中选择其他节点，或选择“{2}”。",
        ["{0} comes after the node where a withdrawal continues, but it waits for a person, a timer, a call or a sub-flow, which a withdrawal cannot do. Lead the withdrawal's steps to an end node without it, or choose another node under \"{1}\"."] =
            "{0}位于撤回时继续执行的步骤中，但它要等待人员、定时器、外部调用或子流程，撤回时无法等待。请让撤回步骤不经过它直接到达结束节点，或在“{1}”中选择其他节点。",
        ["A withdrawal continues at a node, but the initiator may not withdraw. Tick \"{0}\", or choose \"{1}\" under \"{2}\"."] =
            "已设置撤回时继续执行的节点，但发起人不能撤回。请勾选“{0}”，或在“{2}”中选择“{1}”。",
        ["Because of this, {0} other node(s) cannot be reached."] = "因此另有 {0} 个节点无法到达。",
        ["Because of this, {0} other node(s) have no path to an end."] = "因此另有 {0} 个节点无法走到结束节点。",
        ["{0} other problem(s) follow from this one."] = "另有 {0} 个问题由此引起。",
        ["{0} starts at node \"{1}\", which does not exist. Drag its start onto an existing node, or delete it."] =
            "{0}的起点是不存在的节点“{1}”。请把它的起点拖到已有节点上，或删除它。",
        ["{0} leads to node \"{1}\", which does not exist. Drag its end onto an existing node, or delete it."] =
            "{0}指向不存在的节点“{1}”。请把它的终点拖到已有节点上，或删除它。",
        ["The flow has no start node. Add a start node and connect the first step after it."] =
            "流程没有开始节点。请添加开始节点，并把第一个步骤连在它后面。",
        ["The flow has {0} start nodes. Keep one start node and connect the other steps after it."] =
            "流程有 {0} 个开始节点。请只保留一个开始节点，其他步骤连在它后面。",
        ["The flow has no end node, so no request can finish. Add an end node and connect the last steps to it."] =
            "流程没有结束节点，任何申请都无法结束。请添加结束节点，并把最后的步骤连到它。",
        ["{0} cannot be reached from the start, so it never runs. Connect a node to it, or delete it."] =
            "{0}从开始节点无法到达，永远不会执行。请从其他节点连线到它，或删除它。",
        ["{0} has no path to an end node, so requests that reach it never finish. Connect it towards an end node."] =
            "{0}没有通往结束节点的路径，到达这里的申请永远无法结束。请从它连线通往结束节点。",
        ["{0} has no default branch, so a request that meets no condition would stop there. Under \"{1}\", tick \"{2}\" on one branch."] =
            "{0}没有默认分支，不满足任何条件的申请会停在这里。请在“{1}”中为一个分支勾选“{2}”。",
        ["{0} has no condition and is not the default branch. Add a condition to it, or tick \"{1}\"."] =
            "{0}没有条件，也不是默认分支。请为它添加条件，或勾选“{1}”。",
        ["{0} has {1} outgoing connections, but only condition and parallel nodes branch. Delete the extra connections, or insert a condition node after it."] =
            "{0}有 {1} 条出线，但只有条件分支和并行节点可以分支。请删除多余的连线，或在它后面插入条件分支节点。",
        ["{0} has no assignees, so nobody would get its task. Choose who does this step in the \"{1}\" section."] =
            "{0}没有处理人，它的任务将无人接收。请在“{1}”部分选择由谁处理这一步。",
        ["{0} is a vote approval without a valid approving share. Set \"{1}\" to a number above 0 and at most 1, such as 0.5 for a majority."] =
            "{0}是投票审批，但同意比例无效。请把“{1}”设为大于 0 且不超过 1 的数，例如 0.5 表示过半数。",
        ["{0} uses field \"{1}\", which form \"{2}\" does not have. Choose one of that form's fields."] =
            "{0}使用了字段“{1}”，但表单“{2}”没有这个字段。请选择该表单已有的字段。",
        ["{0} uses field \"{1}\", which the form does not have. Choose an existing field, or add the field back to the form."] =
            "{0}使用了字段“{1}”，但表单中没有这个字段。请选择已有字段，或把该字段加回表单。",
        ["{0}: the JavaScript has a syntax error at line {2}, column {3} ({1}). Correct the script."] =
            "{0}：JavaScript 在第 {2} 行第 {3} 列有语法错误（{1}）。请修改脚本。",
        ["{0}: the JavaScript is empty. Write a condition such as form.amount > 0, or remove it."] =
            "{0}：JavaScript 为空。请写出条件，例如 form.amount > 0，或删除它。",
        ["{0} has the same id as another field. Give one of them a different id."] =
            "{0}与另一个字段的标识相同。请为其中一个换一个标识。",
        ["{0} has no options, so nothing can be chosen. Add options, or link it to another form's records."] =
            "{0}没有选项，无法选择。请添加选项，或关联到另一个表单的记录。",
    };
}
