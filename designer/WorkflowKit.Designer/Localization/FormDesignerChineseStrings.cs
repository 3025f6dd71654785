namespace WorkflowKit.Designer.Localization;

/// <summary>
/// Simplified Chinese text of the key boxes, the sub-table column editor, the unsaved-changes prompt and the flow
/// settings of cancellation and fallback recipients, merged into <see cref="ChineseStrings.Values"/>.
/// </summary>
public static class FormDesignerChineseStrings
{
    public static IReadOnlyDictionary<string, string> Values { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Letters, digits and dashes, such as sales-order"] = "字母、数字和短横线，如 sales-order",
        ["Use the key \"{0}\""] = "使用键“{0}”",
        ["The key \"{0}\" cannot be used. The key names the form in links, exported files and the API, so it may contain only English letters, digits, \"-\", \"_\" and \".\", must start with a letter and has at most 100 characters, for example \"{1}\". The form's name can be in any language."] =
            "键“{0}”不能使用。键在链接、导出文件和 API 中代表这个表单，因此只能包含英文字母、数字、“-”、“_”和“.”，必须以字母开头，最多 100 个字符，例如“{1}”。表单名称可以使用任何语言。",
        ["The key \"{0}\" cannot be used. The key names the flow in links, exported files and the API, so it may contain only English letters, digits, \"-\", \"_\" and \".\", must start with a letter and has at most 100 characters, for example \"{1}\". The flow's name can be in any language."] =
            "键“{0}”不能使用。键在链接、导出文件和 API 中代表这个流程，因此只能包含英文字母、数字、“-”、“_”和“.”，必须以字母开头，最多 100 个字符，例如“{1}”。流程名称可以使用任何语言。",
        ["Used in formulas, conditions and the API: English letters, digits and _"] = "用于公式、条件和 API：英文字母、数字和 _",
        ["Use the id \"{0}\""] = "使用编号“{0}”",
        ["The id \"{0}\" cannot be used. The id names the field in formulas, conditions, exported data and the API, so it may contain only English letters, digits and \"_\", must start with a letter and has at most 64 characters, for example \"{1}\"."] =
            "编号“{0}”不能使用。编号在公式、条件、导出数据和 API 中代表这个字段，因此只能包含英文字母、数字和“_”，必须以字母开头，最多 64 个字符，例如“{1}”。",
        ["Unique within the record"] = "同一记录内唯一",
        ["Unique across all records"] = "所有记录中唯一",
        ["Untitled field {0}"] = "未命名字段 {0}",
        ["Untitled column {0}"] = "未命名列 {0}",
        ["Columns"] = "列",
        ["Column type"] = "列类型",
        ["Add column"] = "添加列",
        ["Delete column"] = "删除列",
        ["Leave without saving?"] = "不保存就离开？",
        ["This page has changes that are not saved. They are lost if you leave. To keep them, stay and click \"Save draft\"."] =
            "此页面有未保存的修改，离开后将丢失。要保留它们，请留在此页并点击“保存草稿”。",
        ["Leave without saving"] = "不保存，离开",
        ["Stay on this page"] = "留在此页",
        ["Cancellation by an administrator"] = "管理员撤销",
        ["On cancellation, continue at"] = "取消时从此节点继续",
        ["Nowhere: the cancellation only ends the request"] = "不继续：取消只结束申请",
        ["Automatic steps from this node run when an administrator cancels a request, for example to release reserved stock. If one of them fails, nothing is cancelled."] =
            "管理员撤销申请时，会执行从此节点开始的自动步骤，例如释放已预留的库存。其中任一步骤失败时，撤销不会生效。",
        ["Fallback recipients"] = "备用接收人",
        ["Used only when the recipients above match nobody, for example the administrators. When both match nobody, the node stops with an incident."] =
            "仅在上面的接收人规则找不到任何人时使用，例如管理员。两者都找不到人时，此节点停止并生成异常。",
        ["The validator's message, in English: {0}"] = "校验器的原始说明（英文）：{0}",
        ["{0} has no columns, so no row can be filled in. Select it and add a column under \"{1}\", or delete it."] =
            "{0}没有列，因此无法填写任何行。请选中它，在“{1}”下添加列，或删除它。",
        ["A cancellation continues at node \"{0}\", which the flow does not have. Under \"{1}\" in the flow settings, choose another node, or choose \"{2}\"."] =
            "取消时要继续的节点“{0}”在流程中不存在。请在流程设置的“{1}”中选择其他节点，或选择“{2}”。",
        ["Form \"{0}\" has no published version yet. Publish form \"{0}\" first and then this flow, or import both in one template package."] =
            "表单“{0}”还没有发布的版本。请先发布表单“{0}”，再发布此流程，或把两者放在同一个模板包中导入。",
        ["{0} comes after the node where a cancellation continues, but it waits for a person, a timer, a call or a sub-flow, which a cancellation cannot do. Lead the cancellation's steps to an end node without it, or choose another node under \"{1}\"."] =
            "{0}位于取消时继续执行的步骤中，但它要等待人员、定时器、外部调用或子流程，取消时无法等待。请让取消步骤不经过它直接到达结束节点，或在“{1}”中选择其他节点。",
        ["{0}: a cancellation continues at a node that the flow does not have. Choose another node in the flow settings."] =
            "{0}：取消时要继续的节点在流程中不存在。请在流程设置中选择其他节点。",
    };
}
