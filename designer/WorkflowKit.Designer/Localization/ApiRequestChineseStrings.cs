namespace WorkflowKit.Designer.Localization;

/// <summary>
/// Simplified Chinese text of the API's replies to a request that cannot be bound (<see cref="Api.ApiBadRequests"/>):
/// JSON values of the wrong type, unknown properties, query values and content types, and the plain words for kinds of
/// value that <see cref="WorkflowKit.Definitions.Json.ValueTypeWording"/> writes. Merged into
/// <see cref="ChineseStrings.Values"/>.
/// </summary>
public static class ApiRequestChineseStrings
{
    public static IReadOnlyDictionary<string, string> Values { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [" Then send the request again."] = "然后重新发送请求。",
        ["The request body is not valid: "] = "请求体无效：",
        ["The value \"{0}\" of parameter '{1}' is not {2}."] = "参数 {1} 的值“{0}”不是{2}。",
        [" (at {0})"] = "（位于 {0}）",
        ["The request body has a property \"{0}\"{1} that this endpoint does not know. Remove it or correct its name; the body's properties are: {2}."] =
            "请求体中有此端点不认识的属性“{0}”{1}。请删除它或更正属性名；请求体的属性有：{2}。",
        ["The request body has a property \"{0}\"{1} that this endpoint does not know. Remove it or correct its name."] =
            "请求体中有此端点不认识的属性“{0}”{1}。请删除它或更正属性名。",
        ["The request body"] = "请求体",
        ["The value at {0}"] = "{0} 处的值",
        [" has the wrong type"] = "类型不对",
        [" must be {0}"] = "应为{0}",
        [", not {0}"] = "，而不是{0}",
        [" (the value sent has another format or is out of range)"] = "（发送的值格式不对或超出范围）",
        [". The error is at line {0}, position {1} (JSON path {2}). Correct the value and send the request again."] =
            "。错误位于第 {0} 行第 {1} 个位置（JSON 路径 {2}）。请更正该值后重新发送请求。",
        [Api.ApiBadRequests.WrongContentTypeJson] =
            "请求体以“{0}”发送。请以 JSON 发送，并带上请求头 Content-Type: application/json。",
        [Api.ApiBadRequests.NoContentType] = "请求缺少 Content-Type 请求头。请以 {0} 发送请求体，并带上请求头 Content-Type: {0}。",
        [Api.ApiBadRequests.WrongContentType] = "请求体以“{0}”发送。请以 {1} 发送，并带上请求头 Content-Type: {1}。",
        ["Unknown definition kind '{0}'; expected 'forms' or 'flows'."] = "未知的定义类型“{0}”；应为 forms 或 flows。",
        ["There is no {0} with key '{1}'; check the key, or list the keys with GET /api/definitions/{2}."] =
            "没有标识为“{1}”的{0}；请检查标识，或用 GET /api/definitions/{2} 列出所有标识。",
        ["There is no draft of {0} \"{1}\" to delete."] = "{0}“{1}”没有可删除的草稿。",
        ["The {0} '{1}' has no published version {2}; list its versions with GET /api/definitions/{3}/{1}/versions."] =
            "{0}“{1}”没有已发布的版本 {2}；请用 GET /api/definitions/{3}/{1}/versions 列出它的版本。",
        ["The offset must be 0 or more, got {0}; it is the number of {1} to skip."] =
            "offset 必须大于等于 0，收到的是 {0}；它是要跳过的{1}数。",
        ["The limit must be 1 to {0}, got {1}; it is the number of {2} per page.{3}"] =
            "limit 必须在 1 到 {0} 之间，收到的是 {1}；它是每页的{2}数。{3}",
        ["The after parameter must be a record id, 1 or more, got {0}; send the id of the previous page's last record."] =
            "after 参数必须是记录 ID（大于等于 1），收到的是 {0}；请发送上一页最后一条记录的 ID。",
        ["Form '{0}' has no record {1} that you may read; check the id, or list the records with GET /api/records/{0}."] =
            "表单“{0}”中没有你可以查看的记录 {1}；请检查 ID，或用 GET /api/records/{0} 列出记录。",
        ["File '{0}' does not exist or you may not download it; use the id of a file that you uploaded or that is in an instance or record you may read."] =
            "文件“{0}”不存在或你无权下载；请使用你上传的文件，或你可以查看的流程实例或记录中的文件的 ID。",
        ["File '{0}' is not a PNG, JPEG, GIF or WebP image, so it has no preview; download it from {1}."] =
            "文件“{0}”不是 PNG、JPEG、GIF 或 WebP 图片，因此没有预览；请从 {1} 下载。",
        ["runs must be 1 to {0}, got {1}; it is the number of next run times per schedule."] =
            "runs 必须在 1 到 {0} 之间，收到的是 {1}；它是每个定时计划列出的后续运行次数。",
        ["The {0} header is {1} characters long; send at most {2}, such as a GUID."] =
            "{0} 请求头长 {1} 个字符；最多 {2} 个字符，例如一个 GUID。",
        ["Only an administrator may cancel instance {0}, not {1}; the initiator may withdraw it instead."] =
            "只有管理员可以取消流程实例 {0}，{1} 不能取消；发起人可以改为撤回。",
        ["User '{0}' may not export records of form '{1}'; ask an administrator for a permission rule with the \"export\" action."] =
            "用户“{0}”不能导出表单“{1}”的记录；请联系管理员添加带有“导出”操作的权限规则。",
        ["Unknown export format '{0}'; expected 'csv' or 'xlsx'."] = "未知的导出格式“{0}”；应为 csv 或 xlsx。",
        ["Flow '{0}' is not published; publish it before starting instances."] = "流程“{0}”尚未发布；请先发布再发起。",
        ["There is no form with key '{0}'."] = "没有键为“{0}”的表单。",
        ["The document is missing; send the {0} definition as document, with expectedRevision from the draft you edited."] =
            "缺少 document；请在 document 中发送{0}定义，并在 expectedRevision 中给出你编辑的草稿的修订号。",
        ["a whole number"] = "整数",
        ["a number"] = "数字",
        ["true or false"] = "true 或 false",
        ["text"] = "文本",
        ["a date such as 2024-03-05"] = "日期（如 2024-03-05）",
        ["a date and time such as 2024-03-05T14:30:00+08:00"] = "日期时间（如 2024-03-05T14:30:00+08:00）",
        ["a duration such as 02:30:00"] = "时长（如 02:30:00）",
        ["an id such as 3f2b8c1e-0d4a-4c6e-9a57-2b1d8e6f4c90"] = "ID（如 3f2b8c1e-0d4a-4c6e-9a57-2b1d8e6f4c90）",
        ["a JSON object"] = "JSON 对象",
        ["a JSON array"] = "JSON 数组",
        ["a list"] = "列表",
        ["a value of another kind"] = "其他类型的值",
        ["null"] = "null",
    };
}
