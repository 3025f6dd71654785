namespace WorkflowKit.Designer.Localization;

/// <summary>
/// Simplified Chinese text of the REST API's problem replies (<see cref="Api.ApiProblem"/>): the titles by status, and
/// the details of common errors keyed by their English composite format. Merged into
/// <see cref="ChineseStrings.Values"/>.
/// </summary>
public static class ApiChineseStrings
{
    public static IReadOnlyDictionary<string, string> Values { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Bad Request"] = "请求无效",
        ["Unauthorized"] = "未认证",
        ["Forbidden"] = "无权执行",
        ["Not Found"] = "未找到",
        ["Method Not Allowed"] = "不支持此方法",
        ["Conflict"] = "冲突",
        ["Payload Too Large"] = "请求过大",
        ["Content Too Large"] = "请求过大",
        ["Unsupported Media Type"] = "不支持的内容类型",
        ["Unprocessable Entity"] = "数据不符合规则",
        ["Unprocessable Content"] = "数据不符合规则",
        ["Too Many Requests"] = "请求过于频繁",
        ["Internal Server Error"] = "服务器内部错误",
        ["Service Unavailable"] = "服务暂不可用",
        [Api.ApiServerError.Detail] =
            "服务器处理 {0} {1} 时出错。错误已记录，参考编号 {2}。请重试；如果仍然出错，请把参考编号告诉管理员。",
        ["Task '{0}' does not exist; check the id."] = "任务“{0}”不存在；请检查任务 ID。",
        ["Instance '{0}' does not exist; check the id."] = "流程实例“{0}”不存在；请检查实例 ID。",
        ["The body has no expectedVersion; send the version of record {1} that GET /api/records/{0}/{1} returned, " +
            "so that an edit of a record someone changed meanwhile is refused instead of overwriting their change."] =
            "请求体缺少 expectedVersion；请发送 GET /api/records/{0}/{1} 返回的记录 {1} 的版本号，这样别人在此期间修改过的" +
            "记录会被拒绝，而不会覆盖别人的修改。",
        ["Form '{0}' has no record {1} that you may read; check the id, or list the records with GET /api/records/{0}."] =
            "表单“{0}”没有你可以查看的记录 {1}；请检查记录 ID，或用 GET /api/records/{0} 列出记录。",
        ["You may read record {1} of form '{0}' but not edit it; ask an administrator for a permission rule with the " +
            "\"update\" action that covers this record."] =
            "你可以查看表单“{0}”的记录 {1}，但不能编辑它；请管理员为你添加覆盖这条记录、含“update”操作的数据权限规则。",
        ["Incident '{0}' does not exist; check the id."] = "异常事件“{0}”不存在；请检查异常事件 ID。",
        ["Notification '{0}' does not exist or is not yours; check the id with GET /api/notifications."] =
            "通知“{0}”不存在或不属于你；请用 GET /api/notifications 核对 ID。",
        ["Task {0} is assigned to {1}, not to you; only the assignee may open it and act on it."] =
            "任务 {0} 的处理人是 {1}，不是你；只有处理人可以查看和办理此任务。",
        ["The flowKey is missing; send the key of the flow to start, such as one that GET /api/startable-flows lists."] =
            "缺少 flowKey；请发送要发起的流程的键，例如 GET /api/startable-flows 列出的流程。",
        ["The flowKey '{0}' names no published flow; send the key of a flow you may start, as GET /api/startable-flows lists them, or publish the flow first."] =
            "flowKey“{0}”没有对应的已发布流程；请发送你可以发起的流程的键（GET /api/startable-flows 会列出），或先发布该流程。",
        ["Give a reason to cancel instance {0}; the audit trail keeps it for the initiator and the assignees."] =
            "缺少 reason；请填写取消流程实例 {0} 的原因，审计记录会为发起人和处理人保留该原因。",
        ["The task action is missing on task {0}; set action to one of {1}."] =
            "缺少 action；请把任务 {0} 的 action 设为以下之一：{1}。",
        ["There is no API endpoint {0} {1}; check the path, or look up the endpoints in the OpenAPI document at /api/openapi/v1.json."] =
            "没有 API 端点 {0} {1}；请检查路径，或在 OpenAPI 文档 /api/openapi/v1.json 中查找端点。",
        ["{1} does not accept {0}; send the request with {2}, as the Allow header lists."] =
            "{1} 不接受 {0} 方法；请按 Allow 响应头所列，改用 {2} 发送请求。",
        ["The request body is empty or null. Send a JSON object with the request's fields."] =
            "请求体为空或为 null。请发送包含请求字段的 JSON 对象。",
        ["The request has no Content-Type header. Send the body as JSON with the header Content-Type: application/json."] =
            "请求缺少 Content-Type 请求头。请以 JSON 发送请求体，并带上请求头 Content-Type: application/json。",
        ["Authentication is required. Send an API key in the X-Api-Key header (an administrator creates keys at /admin/api-keys), or sign in at /login and send the sign-in cookie with the request."] =
            "需要认证。请在 X-Api-Key 请求头中发送 API 密钥（管理员在 /admin/api-keys 创建密钥），或在 /login 登录后随请求发送登录 Cookie。",
        ["The X-Api-Key header does not name an active API key. Send an active key, or ask an administrator to create one at /admin/api-keys."] =
            "X-Api-Key 请求头中的 API 密钥无效或已停用。请发送有效的密钥，或请管理员在 /admin/api-keys 创建一个。",
    };
}
