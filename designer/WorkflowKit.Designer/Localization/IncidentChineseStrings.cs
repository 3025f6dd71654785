namespace WorkflowKit.Designer.Localization;

/// <summary>
/// Simplified Chinese text of the incidents page, the instance page's stuck banner and their retry messages
/// (<see cref="Incidents.IncidentText"/>). It also has the text of the assignee editor's <c>where</c> conditions and of
/// <see cref="Flows.AssigneeDirectoryCheck"/>, which help prevent the most common incident, an assignee rule that
/// matches nobody. Merged into <see cref="ChineseStrings.Values"/>.
/// </summary>
public static class IncidentChineseStrings
{
    public static IReadOnlyDictionary<string, string> Values { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Incidents"] = "异常事件",
        ["{0}, sub-flow level {1}"] = "{0}（第 {1} 层子流程）",
        ["Needs attention"] = "需处理",
        ["Retry"] = "重试",
        ["When"] = "发生时间",
        ["Node"] = "节点",
        ["No open incidents. Every running submission can continue."] = "没有未处理的异常事件，所有进行中的申请都能继续。",
        ["A step of a submission stopped on a fault, such as an assignee rule that matched nobody. Fix the cause (the organisation data or the flow), then retry to run the step again."] =
            "申请的某个步骤因故障而停止，例如处理人规则没有匹配到任何人。请先修正原因（组织数据或流程），再点击重试重新执行该步骤。",
        ["This submission is stuck: a step stopped on a fault and waits until it is retried."] = "此申请已停滞：某个步骤因故障停止，重试后才能继续。",
        ["An administrator or process owner must fix the cause and retry. The step that stopped and the reason:"] =
            "需要管理员或流程负责人修正原因后重试。停止的步骤及原因：",
        ["Fix the cause first, such as the organisation data or the node's assignee rules, then retry."] =
            "请先修正原因，例如组织数据或节点的处理人规则，然后重试。",
        ["Script failed"] = "脚本执行失败",
        ["Expression failed"] = "表达式计算失败",
        ["No assignee"] = "没有处理人",
        ["No route to take"] = "没有可走的分支",
        ["HTTP call failed"] = "HTTP 调用失败",
        ["Retries used up"] = "重试次数已用完",
        ["Record breaks its form's rules"] = "记录不符合表单规则",
        ["Invalid flow definition"] = "流程定义有误",
        ["Loop without a wait"] = "循环中没有等待节点",
        ["Retried, but the node stopped again: {0} Fix the cause, then retry the new incident."] =
            "已重试，但该步骤再次停止：{0} 请先修正原因，再重试新的异常事件。",
        ["Retried. The submission has ended as \"{0}\"."] = "已重试。此申请已结束，状态为“{0}”。",
        ["Retried. The node ran again and the submission continues."] = "已重试。该步骤已重新执行，申请继续流转。",
        ["Retried. The submission now waits at {0}."] = "已重试。此申请现在等待：{0}。",
        ["Retry failed: this incident no longer exists. The page now shows the current incidents."] =
            "重试失败：此异常事件已不存在。页面已显示当前的异常事件。",
        ["Retry failed: the incident was already retried or its submission has ended. The page now shows the current incidents."] =
            "重试失败：此异常事件已被重试，或其申请已结束。页面已显示当前的异常事件。",
        ["Retry failed: only administrators and process owners can retry incidents."] =
            "重试失败：只有管理员和流程负责人可以重试异常事件。",
        ["Retry failed: {0}"] = "重试失败：{0}",
        ["A \"{0}\" rule does not filter by user attributes, so these conditions have no effect. Remove them or choose a role or department."] =
            "“{0}”规则不按用户属性筛选，这些条件不起作用。请删除它们，或改选角色或部门。",
        ["Only members whose user attribute equals the value:"] = "只有用户属性等于下列值的成员：",
        ["User attribute"] = "用户属性",
        ["Value from"] = "值来源",
        ["Fixed value"] = "固定值",
        ["Remove condition"] = "删除条件",
        ["Add condition"] = "添加条件",
        ["Each user attribute can have one condition, so only the last one with the same name counts."] =
            "每个用户属性只能有一个条件，同名的条件只有最后一个生效。",
        ["Attributes in the organisation directory: {0}"] = "组织目录中的属性：{0}",
        ["Node \"{0}\": no active user has the role \"{1}\", so the node would stop at an incident. Ask an administrator to add members on the Roles page, or choose another role."] =
            "节点“{0}”：没有在用的用户拥有角色“{1}”，该节点运行时会停在异常事件上。请联系管理员在“角色”页面添加成员，或改选其他角色。",
        ["Node \"{0}\": no member of the role \"{1}\" has the user attribute \"{2}\", so the condition {2} = {3} matches nobody and the node would stop at an incident. Ask an administrator to set the attribute on the Users and roles page, or remove the condition."] =
            "节点“{0}”：角色“{1}”的成员都没有用户属性“{2}”，条件 {2} = {3} 不会匹配任何人，该节点运行时会停在异常事件上。请联系管理员在“用户与角色”页面设置该属性，或删除该条件。",
        ["The script of step \"{0}\" failed, so the step stopped. Correct the script or the data it reads, then retry."] =
            "步骤“{0}”的脚本执行出错，该步骤已停止。请修正脚本或它读取的数据，然后重试。",
        ["An expression of step \"{0}\" failed, so the step stopped. Correct the expression or the form data it reads, then retry."] =
            "步骤“{0}”的表达式计算出错，该步骤已停止。请修正表达式或它读取的表单数据，然后重试。",
        ["Step \"{0}\" found nobody to give its task to. Ask an administrator to add members to the role or department, or change the step's assignee rules, then retry."] =
            "步骤“{0}”找不到可以接收任务的人。请联系管理员为相应角色或部门添加成员，或修改该步骤的处理人规则，然后重试。",
        ["Step \"{0}\" could not decide where the submission goes next. Check the branch conditions and the records the step uses, then retry."] =
            "步骤“{0}”无法确定申请的下一步去向。请检查分支条件和该步骤用到的记录，然后重试。",
        ["The HTTP call of step \"{0}\" failed. Check that the service is available and the request is correct, then retry."] =
            "步骤“{0}”的 HTTP 调用失败。请确认对方服务可用且请求正确，然后重试。",
        ["Step \"{0}\" still failed after its automatic retries. Fix the cause that the details give, then retry."] =
            "步骤“{0}”自动重试后仍然失败。请按详情中的原因修正，然后重试。",
        ["Step \"{0}\" lacks a setting in the flow definition, so it cannot run. Correct the flow and move the submission to the corrected version, or cancel the submission."] =
            "步骤“{0}”在流程定义中缺少设置，无法执行。请修正流程并把申请迁移到修正后的版本，或取消该申请。",
        ["Step \"{0}\" is in a loop that repeats without waiting, so the engine stopped it. Add a wait or an exit condition to the loop in the flow."] =
            "步骤“{0}”所在的循环没有等待就不断重复，系统已将其停止。请在流程中为该循环添加等待节点或退出条件。",
        ["Step \"{0}\" would write a record that breaks its form's rules, so nothing was written. Correct the values it writes or the submission data they come from, then retry."] =
            "步骤“{0}”要写入的记录不符合表单规则，因此没有写入。请修正它写入的值或这些值所来自的申请数据，然后重试。",
        ["Step \"{0}\" stopped on a fault. The details give the reason."] = "步骤“{0}”因故障停止。原因见详情。",
    };
}
