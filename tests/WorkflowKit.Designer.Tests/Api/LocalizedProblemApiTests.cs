using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using WorkflowKit.Designer.Services;
using WorkflowKit.Designer.Tests.Support;

namespace WorkflowKit.Designer.Tests.Api;

/// <summary>
/// Problem replies in the caller's language against a designer on 127.0.0.1: the same bad request from a Chinese
/// account (sales1, as the demo accounts are created) and from an English one (sales2, switched to English) gets the
/// same status and code, with the title and detail in each language; unknown routes and methods get problem replies
/// too, and a caller without an account gets the language of its Accept-Language header.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class LocalizedProblemApiTests
{
    private static readonly object[] SameRequestCases =
    [
        Case("GET", "/api/tasks/nosuch", null, 404, "task-not-found", null,
            "任务“nosuch”不存在；请检查任务 ID。",
            "Task 'nosuch' does not exist; check the id."),
        Case("GET", "/api/instances/nosuch", null, 404, "instance-not-found", null,
            "流程实例“nosuch”不存在；请检查实例 ID。",
            "Instance 'nosuch' does not exist; check the id."),
        Case("POST", "/api/notifications/nosuch/read", null, 404, "notification-not-found", null,
            "通知“nosuch”不存在或不属于你；请用 GET /api/notifications 核对 ID。",
            "Notification 'nosuch' does not exist or is not yours; check the id with GET /api/notifications."),
        Case("POST", "/api/instances", "{}", 400, "property-missing", "$.flowKey",
            "缺少 flowKey；请发送要发起的流程的键，例如 GET /api/startable-flows 列出的流程。",
            "The flowKey is missing; send the key of the flow to start, such as one that GET /api/startable-flows " +
            "lists."),
        Case("POST", "/api/instances", """{"flowKey": ""}""", 400, "property-missing", "$.flowKey",
            "缺少 flowKey；请发送要发起的流程的键，例如 GET /api/startable-flows 列出的流程。",
            "The flowKey is missing; send the key of the flow to start, such as one that GET /api/startable-flows " +
            "lists."),
        Case("POST", "/api/instances", """{"flowKey": "nosuch"}""", 400, "flow-not-found", "$.flowKey",
            "flowKey“nosuch”没有对应的已发布流程；请发送你可以发起的流程的键（GET /api/startable-flows 会列出），或先发布该流程。",
            "The flowKey 'nosuch' names no published flow; send the key of a flow you may start, as GET " +
            "/api/startable-flows lists them, or publish the flow first."),
        Case("POST", "/api/tasks/nosuch/actions", "{}", 400, "property-missing", "$.action",
            "缺少 action；请把任务 nosuch 的 action 设为以下之一：approve, reject, submit, return, transfer, addSigner, " +
            "addSignerBefore, addSignerAfter, comment, cc, resubmit, withdraw, urge。",
            "The task action is missing on task nosuch; set action to one of approve, reject, submit, return, " +
            "transfer, addSigner, addSignerBefore, addSignerAfter, comment, cc, resubmit, withdraw, urge."),
        Case("GET", "/api/records/nosuch", null, 404, "form-not-found", null,
            "没有标识为“nosuch”的已发布表单；请检查表单标识，或先发布该表单。",
            "No published form with key 'nosuch'; check the form key, or publish the form first."),
        Case("GET", "/api/nosuch/route", null, 404, "route-not-found", null,
            "没有 API 端点 GET /api/nosuch/route；请检查路径，或在 OpenAPI 文档 /api/openapi/v1.json 中查找端点。",
            "There is no API endpoint GET /api/nosuch/route; check the path, or look up the endpoints in the OpenAPI " +
            "document at /api/openapi/v1.json."),
    ];

    [TestCaseSource(nameof(SameRequestCases))]
    public async Task Same_request_in_both_languages(
        string method, string path, string? body, int status, string code, string? jsonPath, string chinese,
        string english)
    {
        await using var factory = new DesignerAppFactory(kestrel: true);
        using var zh = await LoopbackClients.ForAsync(factory, "sales1");
        using var en = await EnglishClientAsync(factory, "sales2");

        var zhProblem = await SendAsync(zh, method, path, body);
        var enProblem = await SendAsync(en, method, path, body);

        Assert.That(zhProblem.Status, Is.EqualTo(status), zhProblem.Body.ToJsonString());
        Assert.That(enProblem.Status, Is.EqualTo(status), enProblem.Body.ToJsonString());
        Assert.That(zhProblem.MediaType, Is.EqualTo("application/problem+json"));
        Assert.That((string?)zhProblem.Body["code"], Is.EqualTo(code));
        Assert.That((string?)enProblem.Body["code"], Is.EqualTo(code));
        Assert.That((string?)zhProblem.Body["type"], Is.EqualTo((string?)enProblem.Body["type"]));
        Assert.That((string?)zhProblem.Body["path"], Is.EqualTo(jsonPath));
        Assert.That((string?)enProblem.Body["path"], Is.EqualTo(jsonPath));
        Assert.That((string?)zhProblem.Body["detail"], Is.EqualTo(chinese));
        Assert.That((string?)enProblem.Body["detail"], Is.EqualTo(english));
        Assert.That((string?)zhProblem.Body["title"], Is.EqualTo(status == 404 ? "未找到" : "请求无效"));
        Assert.That((string?)enProblem.Body["title"], Is.EqualTo(status == 404 ? "Not Found" : "Bad Request"));
    }

    [Test]
    public async Task Completed_task_is_409_in_both_languages()
    {
        await using var factory = new DesignerAppFactory(kestrel: true);
        await OrderDefinitions.PublishAsync(factory.Services.GetRequiredService<IDefinitionService>(), "owner");
        using var sales1 = await LoopbackClients.ForAsync(factory, "sales1");
        using var manager = await EnglishClientAsync(factory, "manager");
        using var started = await sales1.PostAsJsonAsync("/api/instances", new
        {
            flowKey = OrderDefinitions.FlowKey,
            data = new { customer = "协和医院", region = "east", total = 900m },
        });
        var instanceId = (string)(await started.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        var taskId = (string)(await manager.GetFromJsonAsync<JsonArray>("/api/tasks"))!
            .Single(item => (string?)item!["instanceId"] == instanceId)!["id"]!;
        var approve = """{"action": "approve"}""";
        var first = await SendAsync(manager, "POST", $"/api/tasks/{taskId}/actions", approve);

        var english = await SendAsync(manager, "POST", $"/api/tasks/{taskId}/actions", approve);
        var chinese = await SendAsync(sales1, "POST", $"/api/tasks/{taskId}/actions", approve);

        Assert.That(first.Status, Is.EqualTo(204));
        Assert.That(english.Status, Is.EqualTo(409), english.Body.ToJsonString());
        Assert.That(chinese.Status, Is.EqualTo(409), chinese.Body.ToJsonString());
        Assert.That((string?)english.Body["code"], Is.EqualTo("task-closed"));
        Assert.That((string?)chinese.Body["code"], Is.EqualTo("task-closed"));
        Assert.That((string?)english.Body["title"], Is.EqualTo("Conflict"));
        Assert.That((string?)chinese.Body["title"], Is.EqualTo("冲突"));
        Assert.That((string?)english.Body["detail"], Does.StartWith($"Task {taskId} is already completed (approved by manager at "));
        Assert.That((string?)english.Body["detail"], Does.EndWith(" UTC); reload your inbox."));
        Assert.That((string?)chinese.Body["detail"], Does.Match(
            $"^任务 {taskId} 已完成（manager 于 \\d{{4}}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC 处理）；请刷新待办列表。$"));
    }

    [Test]
    public async Task Wrong_method_is_405_with_allow()
    {
        await using var factory = new DesignerAppFactory(kestrel: true);
        using var zh = await LoopbackClients.ForAsync(factory, "sales1");
        using var en = await EnglishClientAsync(factory, "sales2");

        using var zhResponse = await zh.DeleteAsync("/api/instances");
        using var enResponse = await en.DeleteAsync("/api/instances");
        var zhProblem = await zhResponse.Content.ReadFromJsonAsync<JsonObject>();
        var enProblem = await enResponse.Content.ReadFromJsonAsync<JsonObject>();

        var allow = string.Join(", ", zhResponse.Content.Headers.Allow);
        Assert.That(zhResponse.StatusCode, Is.EqualTo(HttpStatusCode.MethodNotAllowed));
        Assert.That(zhResponse.Content.Headers.Allow, Is.EquivalentTo(new[] { "GET", "HEAD", "POST" }));
        Assert.That(zhResponse.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        Assert.That((string?)zhProblem!["code"], Is.EqualTo("method-not-allowed"));
        Assert.That((string?)enProblem!["code"], Is.EqualTo("method-not-allowed"));
        Assert.That(zhProblem["allow"]!.AsArray().Select(item => (string?)item), Is.EqualTo(zhResponse.Content.Headers.Allow));
        Assert.That((string?)zhProblem["title"], Is.EqualTo("不支持此方法"));
        Assert.That((string?)enProblem["title"], Is.EqualTo("Method Not Allowed"));
        Assert.That((string?)zhProblem["detail"], Is.EqualTo(
            $"/api/instances 不接受 DELETE 方法；请按 Allow 响应头所列，改用 {allow} 发送请求。"));
        Assert.That((string?)enProblem["detail"], Is.EqualTo(
            $"/api/instances does not accept DELETE; send the request with {allow}, as the Allow header lists."));
    }

    [Test]
    public async Task Unknown_page_gets_no_problem_reply()
    {
        await using var factory = new DesignerAppFactory(kestrel: true);
        using var sales1 = await LoopbackClients.ForAsync(factory, "sales1");

        using var page = await sales1.GetAsync("/no-such-page");
        using var api = await sales1.GetAsync("/api/no-such-endpoint");

        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(page.Content.Headers.ContentType?.MediaType, Is.Not.EqualTo("application/problem+json"));
        Assert.That(api.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(api.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
    }

    [TestCase("zh-CN,zh;q=0.9", "未认证", "需要认证。请在 X-Api-Key 请求头中发送 API 密钥")]
    [TestCase("en-US,en;q=0.9", "Unauthorized", "Authentication is required. Send an API key in the X-Api-Key header")]
    public async Task Anonymous_call_uses_accept_language(string acceptLanguage, string title, string detailStart)
    {
        await using var factory = new DesignerAppFactory(kestrel: true);
        factory.StartServer();
        using var client = new HttpClient { BaseAddress = factory.RootUri };
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(acceptLanguage);

        using var response = await client.GetAsync("/api/tasks");
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That((string?)problem!["code"], Is.EqualTo("unauthenticated"));
        Assert.That((string?)problem["title"], Is.EqualTo(title));
        Assert.That((string?)problem["detail"], Does.StartWith(detailStart));
    }

    private static TestCaseData Case(
        string method, string path, string? body, int status, string code, string? jsonPath, string chinese,
        string english) =>
        new TestCaseData(method, path, body, status, code, jsonPath, chinese, english)
            .SetArgDisplayNames(method, path, body ?? "-");

    private static Task<HttpClient> EnglishClientAsync(DesignerAppFactory factory, string userId) =>
        LoopbackClients.ForAsync(factory, userId, "en");

    private static async Task<(int Status, string? MediaType, JsonObject Body)> SendAsync(
        HttpClient client, string method, string path, string? body)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
        }

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType,
            text.Length == 0 ? [] : JsonNode.Parse(text)!.AsObject());
    }
}
