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
        ["This document"] = "此文档",
        ["The setting at {0}"] = "位置 {0} 处的设置",
        ["{0}: an assignee rule of type \"{1}\" has no value, so it finds nobody. Fill in its value in the \"{2}\" section, or delete the rule."] =
            "{0}：类型为“{1}”的处理人规则没有填写值，找不到任何人。请在“{2}”部分填写它的值，或删除该规则。",
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
        ["{0} has {1} outgoing connections, but only condition, parallel, approval and fill-in nodes branch. Delete the extra connections, or insert a condition node after it."] =
            "{0}有 {1} 条出线，但只有条件分支、并行、审批和填写节点可以分支。请删除多余的连线，或在它后面插入条件分支节点。",
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
        ["{0}: the file is saved as UTF-16 or UTF-32, but definitions must be UTF-8. Save it again as UTF-8."] =
            "{0}：文件以 UTF-16 或 UTF-32 编码保存，但定义文件必须是 UTF-8。请另存为 UTF-8 编码后再试。",
        ["{0}: the file contains bytes that are not valid UTF-8. Save it again as UTF-8."] =
            "{0}：文件中有不符合 UTF-8 编码的字节。请另存为 UTF-8 编码后再试。",
        ["{0} is not valid JSON. Correct the text at the line and column given in the details."] =
            "{0}不是有效的 JSON。请按详情中给出的行号和列号修改文本。",
        ["{0} sets \"{1}\" twice, and only the last value would count. Remove one of them."] =
            "{0}中“{1}”设置了两次，只有最后一个值会生效。请删除其中一个。",
        ["{0} cannot be read. Check that the file exists and can be opened, then try again."] =
            "{0}无法读取。请确认文件存在且能打开，然后重试。",
        ["{0} matches the format but cannot be loaded. Correct the value named in the details."] =
            "{0}符合格式，但无法加载。请修改详情中指出的值。",
        ["{0} does not say whether it is a form, a flow, a view or a package. Set \"kind\" to one of them."] =
            "{0}没有说明自己是表单、流程、视图还是模板包。请把“kind”设为其中之一。",
        ["{0} has a format version that this version of WorkflowKit cannot read. Export it again from a matching version, or correct \"formatVersion\"."] =
            "{0}的格式版本是当前 WorkflowKit 版本无法读取的。请用匹配的版本重新导出，或改正“formatVersion”。",
        ["{0} names the wrong schema file in \"$schema\". Correct it to the schema of the document's kind."] =
            "{0}的“$schema”指向了错误的架构文件。请改为该类文档的架构文件。",
        ["{0} uses a form or flow that is not part of this check, so the checks against it were skipped. Publish or import it together with this one."] =
            "{0}用到的表单或流程不在本次检查范围内，与它相关的检查已跳过。请把它与本文档一起发布或导入。",
        ["{0} lacks the required setting \"{1}\". Fill it in."] =
            "{0}缺少必填的设置“{1}”。请填写。",
        ["{0} has the setting \"{1}\", which does not belong there. Remove it or correct its spelling (names are case-sensitive)."] =
            "{0}中有不属于这里的设置“{1}”。请删除它，或改正拼写（名称区分大小写）。",
        ["{0}: the value of \"{1}\" has the wrong type. Change it as the details say."] =
            "{0}：“{1}”的值类型不对。请按详情中的说明修改。",
        ["{0}: the value of \"{1}\" is not one of the allowed values. Choose an allowed value."] =
            "{0}：“{1}”的值不在允许的取值中。请选择允许的值。",
        ["{0}: the value of \"{1}\" breaks a rule of the format, such as its pattern, length or range. Change the value."] =
            "{0}：“{1}”的值不符合格式规定，例如格式、长度或范围。请修改该值。",
        ["{0} uses a form that has no published version. Publish the form first, or import it in the same package."] =
            "{0}用到的表单还没有发布的版本。请先发布该表单，或把它放在同一个模板包中导入。",
        ["{0} has a field type that the format does not know. Choose one of the designer's field types."] =
            "{0}的字段类型无法识别。请从设计器提供的字段类型中选择。",
        ["{0}: the regular expression is invalid. Correct the pattern."] =
            "{0}：正则表达式无效。请修改该表达式。",
        ["{0} uses a field that the form does not have. Choose an existing field."] =
            "{0}用到了表单中没有的字段。请选择已有字段。",
        ["{0} has the setting \"{1}\", which does not apply to this field type and is ignored. Remove it."] =
            "{0}中的设置“{1}”不适用于这种字段类型，会被忽略。请删除它。",
        ["{0} is a sub-table without columns. Add at least one column."] =
            "{0}是没有列的子表。请至少添加一列。",
        ["{0}: the minimum is greater than the maximum. Lower the minimum or raise the maximum."] =
            "{0}：最小值大于最大值。请调低最小值或调高最大值。",
        ["{0} has two options with the same value. Give each option a value of its own."] =
            "{0}有两个选项的值相同。请为每个选项设置不同的值。",
        ["{0} lacks a setting that its type needs: a formula for a formula field, a related form for a related field. Fill it in."] =
            "{0}缺少其类型必需的设置：公式字段需要公式，关联字段需要关联表单。请填写。",
        ["{0} has the same id as another rule. Give one of them a different id."] =
            "{0}与另一条规则的标识相同。请为其中一条换一个标识。",
        ["{0}: the serial number pattern has no running number. Add one, such as {{seq:4}} for a four-digit number."] =
            "{0}：编号规则中没有流水号。请添加流水号，例如 {{seq:4}} 表示四位流水号。",
        ["{0} has a node type that the format does not know. Choose one of the designer's node types."] =
            "{0}的节点类型无法识别。请从设计器提供的节点类型中选择。",
        ["{0} has the same id as another node. Give one of them a different id."] =
            "{0}与另一个节点的标识相同。请为其中一个换一个标识。",
        ["{0} has the same id as another connection. Give one of them a different id."] =
            "{0}与另一条连线的标识相同。请为其中一条换一个标识。",
        ["{0} starts or ends at a node that does not exist. Connect it to an existing node, or delete it."] =
            "{0}的起点或终点是不存在的节点。请把它连到已有节点上，或删除它。",
        ["The flow needs exactly one start node. Keep one start node and connect the other steps after it."] =
            "流程必须有且只有一个开始节点。请只保留一个开始节点，其他步骤连在它后面。",
        ["{0}: a condition node has no default branch, so a request that meets no condition would stop there. Mark one branch as the default."] =
            "{0}：条件分支节点没有默认分支，不满足任何条件的申请会停在这里。请把一个分支设为默认分支。",
        ["{0} has more than one default branch. Keep the default mark on one branch only."] =
            "{0}有多个默认分支。请只保留一个分支为默认分支。",
        ["{0}: a parallel join waits for a branch that cannot arrive from its split, so it would wait for ever. Connect the branch from the split, or remove it."] =
            "{0}：并行汇聚在等待一个不可能从对应并行分支到达的分支，会一直等下去。请从并行分支节点连出这条分支，或删除它。",
        ["{0}: a deadline or timer reads a field that is not a date or date-and-time field. Choose a date field."] =
            "{0}：截止时间或定时器使用的字段不是日期或日期时间字段。请选择日期字段。",
        ["{0}: the schedule's cron expression is invalid. Correct the expression."] =
            "{0}：定时启动的 cron 表达式无效。请修改该表达式。",
        ["{0}: a duration is invalid. Write it as an ISO 8601 duration, such as P2D for two days or PT4H for four hours."] =
            "{0}：时长无效。请按 ISO 8601 时长格式填写，例如 P2D 表示两天，PT4H 表示四小时。",
        ["{0} has the setting \"{1}\", which does not apply to this node type and is ignored. Remove it."] =
            "{0}中的设置“{1}”不适用于这种节点类型，会被忽略。请删除它。",
        ["{0}: a fill-in or approval step has no assignees, so nobody would get its task. Choose who does this step."] =
            "{0}：填写或审批步骤没有处理人，它的任务将无人接收。请选择由谁处理这一步。",
        ["{0}: a vote approval needs an approving share above 0 and at most 1, such as 0.5 for a majority."] =
            "{0}：投票审批的同意比例必须大于 0 且不超过 1，例如 0.5 表示过半数。",
        ["{0} leaves an end node or leads into the start node. Connect it between other nodes, or delete it."] =
            "{0}从结束节点连出，或连入开始节点。请把它连在其他节点之间，或删除它。",
        ["{0} has no condition and is not the default branch. Add a condition to it, or mark it as the default."] =
            "{0}没有条件，也不是默认分支。请为它添加条件，或把它设为默认分支。",
        ["{0} has several outgoing connections, but only condition, parallel, approval and fill-in nodes branch. Delete the extra connections, or insert a condition node."] =
            "{0}有多条出线，但只有条件分支、并行、审批和填写节点可以分支。请删除多余的连线，或插入条件分支节点。",
        ["{0} returns or escalates to a node that does not exist or is not a fill-in or approval step. Choose another step."] =
            "{0}退回或升级到的节点不存在，或不是填写或审批步骤。请选择其他步骤。",
        ["{0}: an assignee rule takes the person from a field that is not a member field. Choose a member field."] =
            "{0}：处理人规则从一个不是成员字段的字段中取人。请选择成员字段。",
        ["{0}: the time zone is unknown. Use an IANA time zone id, such as Asia/Shanghai."] =
            "{0}：时区无法识别。请使用 IANA 时区标识，例如 Asia/Shanghai。",
        ["{0}: a parallel split has fewer than two outgoing branches. Add a branch, or replace the split with a plain connection."] =
            "{0}：并行分支的出线少于两条。请添加分支，或用普通连线代替并行分支。",
        ["{0}: two flow variables have the same name. Rename one of them."] =
            "{0}：两个流程变量同名。请为其中一个改名。",
        ["{0} has the same priority as another branch of its condition node, so their order is unclear. Give the branches different priorities."] =
            "{0}与同一条件节点的另一个分支优先级相同，判断顺序不明确。请为这些分支设置不同的优先级。",
        ["{0}: a placeholder in the message names no form field or flow variable. Correct it to name an existing field or variable."] =
            "{0}：消息中的占位符没有对应的表单字段或流程变量。请改为已有的字段或变量。",
        ["{0}: a sub-flow node that starts one sub-flow per item cannot wait for them. Turn off waiting, or start a single sub-flow."] =
            "{0}：按明细逐条启动子流程的节点不能等待子流程结束。请关闭等待，或只启动一个子流程。",
        ["{0}: the row owner of a sub-table permission names no column of the sub-table, or is combined with adding or deleting rows. Choose a column, and do not allow adding or deleting rows with it."] =
            "{0}：子表权限的行负责人不是子表中的列，或同时允许了添加或删除行。请选择子表中的列，并且不要同时允许添加或删除行。",
        ["{0}: the flow creates a record when it starts, but it has no form, or no form or API trigger. Set the flow's form, or turn the setting off."] =
            "{0}：流程设置为启动时创建记录，但它没有表单，或没有表单或 API 触发方式。请设置流程的表单，或关闭该设置。",
        ["{0}: a rule for who may start the flow must be of type user, role or department and have a value. Correct the rule or delete it."] =
            "{0}：发起人规则的类型必须是用户、角色或部门，并且要填写值。请改正或删除该规则。",
        ["{0}: a withdrawal continues at a node that the flow does not have. Choose another node in the flow settings."] =
            "{0}：撤回时要继续的节点在流程中不存在。请在流程设置中选择其他节点。",
        ["{0} is on the withdrawal path but waits for a person, a timer, a call or a sub-flow. Lead the withdrawal to an end node without it."] =
            "{0}位于撤回时执行的步骤中，但它要等待人员、定时器、外部调用或子流程。请让撤回步骤不经过它直接到达结束节点。",
        ["A withdrawal continues at a node, but the initiator may not withdraw. Allow withdrawal, or remove the withdrawal path."] =
            "已设置撤回时继续执行的节点，但发起人不能撤回。请允许撤回，或取消撤回时继续执行的节点。",
        ["{0}: two flow parameters have the same id. Give one of them another id."] =
            "{0}：两个流程参数的标识相同。请为其中一个换一个标识。",
        ["{0}: a flow parameter has no value, or a value that does not fit its type. Enter a valid value."] =
            "{0}：流程参数没有值，或值与其类型不符。请填写有效的值。",
        ["{0} reads a parameter that the flow does not have. Add it in the flow settings, or correct the name."] =
            "{0}读取了流程中没有的参数。请在流程设置中添加该参数，或改正名称。",
        ["{0}: a required field is read-only or hidden at the start and has no default, so no one can start the " +
            "flow. Make it editable at the start node, give it a default, or make it optional in the form."] =
            "{0}：这个必填字段在开始节点是只读或隐藏的，又没有默认值，所以谁都无法发起流程。请在开始节点把它设为可编辑、给它默认值，或在表单中改为选填。",
        ["{0} starts a flow that starts this flow again, so the sub-flows nest until the engine stops them with an incident. Start it only behind a condition that ends the repetition, or choose another flow."] =
            "{0}启动的流程又会启动本流程，子流程会一层层嵌套，直到引擎以异常停止它们。请只在能结束这种重复的条件之后启动它，或改选其他流程。",
        ["{0} starts flow \"{1}\", which leads back to this flow: {2}. Each start nests one sub-flow deeper until the engine stops the submission with an incident. Start it only behind a condition that ends the repetition, or choose another flow under \"{3}\"."] =
            "{0}启动流程“{1}”，而它又回到本流程：{2}。每启动一次就多嵌套一层子流程，直到引擎以异常停止该申请。请只在能结束这种重复的条件之后启动它，或在“{3}”中改选其他流程。",
        ["{0}: a placeholder in the URL names no form field or flow variable, so the call would go to the wrong " +
            "address. Correct it to name an existing field or variable."] =
            "{0}：URL 中的占位符没有对应的表单字段或流程变量，调用会发往错误的地址。请改为已有的字段或变量。",
        ["{0}: the form has a serial number field, but this flow creates no record, so the number stays empty. " +
            "Add \"startCreatesRecord\": true to the flow's settings in its JSON, or use a form without serial numbers."] =
            "{0}：表单有流水号字段，但此流程不创建记录，流水号会一直为空。请在流程 JSON 的 settings 中加上 \"startCreatesRecord\": true，或改用没有流水号的表单。",
        ["{0} is on the cancellation path but waits for a person, a timer, a call or a sub-flow. Lead the cancellation to an end node without it."] =
            "{0}位于取消时执行的步骤中，但它要等待人员、定时器、外部调用或子流程。请让取消步骤不经过它直接到达结束节点。",
        ["{0} tests for a rejection that never reaches it: a rejection at that approval ends the instance. Add a branch for the rejection to the approval node itself, with the condition \"Outcome of this step\" equals rejected."] =
            "{0}判断审批是否被驳回，但驳回永远走不到这里：在该审批节点驳回会直接结束流程。请在审批节点本身加一条驳回分支，条件为“本步骤的结果”等于 rejected。",
        ["{0} compares a step's outcome with a value that the step never has, so the branch never runs. Choose approved, rejected or submitted as the value."] =
            "{0}将步骤的结果与该步骤永远不会有的值比较，因此这个分支永远不会执行。请把值改为 approved（已批准）、rejected（已驳回）或 submitted（已提交）。",
        ["{0} compares the outcome of {1} with \"{2}\", which that step never has, so the branch never runs. Choose one of: {3}."] =
            "{0}将{1}的结果与“{2}”比较，但该步骤的结果永远不会是这个值，因此这个分支永远不会执行。请从以下值中选择：{3}。",
        ["{0}: a flow parameter's value is outside its allowed range, or the range is declared wrongly. Enter a value within the range named in the details."] =
            "{0}：流程参数的值超出允许范围，或范围设置有误。请按详情中说明的范围输入值。",
        ["{0}: the JavaScript has a syntax error. Correct the script."] =
            "{0}：JavaScript 有语法错误。请修改脚本。",
        ["{0}: the rule's value does not fit its operator; for example, \"between\" needs two values. Correct the value."] =
            "{0}：规则的值与运算符不匹配，例如“介于”需要两个值。请修改该值。",
        ["{0}: the formula cannot be read, for example because a parenthesis or quote is not closed. Correct the formula."] =
            "{0}：公式无法解析，例如括号或引号没有闭合。请修改公式。",
        ["{0}: a condition has either structured rules or JavaScript, not both and not neither. Keep one of them."] =
            "{0}：条件只能使用结构化规则或 JavaScript 中的一种，不能两者都有，也不能都没有。请保留其中一种。",
        ["{0} lists a file that is not in the package. Add the file, or remove it from the list."] =
            "{0}列出的文件不在模板包中。请添加该文件，或把它从列表中删除。",
        ["{0} lists a file under the wrong kind of document. Move it to the list of its kind."] =
            "{0}把文件列在了错误的文档类型下。请把它移到对应类型的列表中。",
        ["{0} has the same key as another document of its kind. Give one of them a different key."] =
            "{0}与另一个同类文档的键相同。请为其中一个换一个键。",
        ["{0} names a role that the package does not define. Add the role to the package, or choose a defined role."] =
            "{0}用到了模板包中没有定义的角色。请在模板包中添加该角色，或选择已定义的角色。",
        ["{0} names a form that the package does not have. Add the form, or correct the key."] =
            "{0}用到了模板包中没有的表单。请添加该表单，或改正表单的键。",
        ["{0}: two roles have the same key. Give one of them a different key."] =
            "{0}：两个角色的键相同。请为其中一个换一个键。",
    };
}
