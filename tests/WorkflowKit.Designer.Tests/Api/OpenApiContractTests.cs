using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using WorkflowKit.Designer.Accounts;
using WorkflowKit.Designer.Services;
using WorkflowKit.Designer.Tests.Support;

namespace WorkflowKit.Designer.Tests.Api;

/// <summary>
/// The OpenAPI document against a designer on 127.0.0.1: real calls, each reply checked against the status codes
/// its operation lists, and the shared parts of the document (security schemes, 401 replies, schemas of 2xx replies).
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class OpenApiContractTests
{
    [Test]
    public async Task Real_replies_are_listed()
    {
        await using var factory = new DesignerAppFactory(kestrel: true);
        var recorder = new ReplyRecorder();
        using var anonymous = new HttpClient(recorder, disposeHandler: false) { BaseAddress = factory.RootUri };
        factory.StartServer();
        using var sales = await ClientAsync(factory, recorder, "sales1");
        using var manager = await ClientAsync(factory, recorder, "manager");
        using var owner = await ClientAsync(factory, recorder, "owner");
        await OrderDefinitions.PublishAsync(factory.Services.GetRequiredService<IDefinitionService>(), "owner");

        await CallAsync(anonymous.GetAsync("/api/tasks"), HttpStatusCode.Unauthorized);
        await CallAsync(anonymous.PostAsJsonAsync("/api/instances", new { flowKey = "x" }), HttpStatusCode.Unauthorized);
        await CallAsync(sales.GetAsync("/api/me"), HttpStatusCode.OK);
        await CallAsync(sales.GetAsync("/api/startable-flows"), HttpStatusCode.OK);
        await CallAsync(sales.GetAsync("/api/definitions/flows"), HttpStatusCode.OK);
        await CallAsync(sales.GetAsync("/api/definitions/shapes"), HttpStatusCode.BadRequest);
        await CallAsync(
            sales.GetAsync($"/api/definitions/flows/{OrderDefinitions.FlowKey}/versions/1"), HttpStatusCode.Forbidden);
        await CallAsync(
            owner.GetAsync($"/api/definitions/flows/{OrderDefinitions.FlowKey}/versions/1"), HttpStatusCode.OK);
        await CallAsync(owner.GetAsync($"/api/definitions/flows/{OrderDefinitions.FlowKey}/versions"), HttpStatusCode.OK);

        // Starts, the inbox, an urge and its repeat, notifications, and a withdrawal with a reason.
        var instanceId = await StartAsync(sales);
        await CallAsync(
            sales.PostAsJsonAsync("/api/instances", new { flowKey = OrderDefinitions.FlowKey, data = new { total = 1 } }),
            HttpStatusCode.UnprocessableEntity);
        await CallAsync(sales.PostAsJsonAsync("/api/instances", new { flowKey = OrderDefinitions.FlowKey, date = 1 }),
            HttpStatusCode.BadRequest);
        await CallAsync(sales.GetAsync("/api/instances"), HttpStatusCode.OK);
        await CallAsync(sales.GetAsync($"/api/instances/{instanceId}"), HttpStatusCode.OK);
        await CallAsync(sales.GetAsync("/api/instances/no-such-instance"), HttpStatusCode.NotFound);
        var tasks = await manager.GetFromJsonAsync<JsonArray>("/api/tasks");
        var taskId = (string)tasks!.Single(task => (string?)task!["instanceId"] == instanceId)!["id"]!;
        await CallAsync(manager.GetAsync($"/api/tasks/{taskId}"), HttpStatusCode.OK);
        await CallAsync(sales.GetAsync($"/api/tasks/{taskId}"), HttpStatusCode.Forbidden);
        await CallAsync(sales.PostAsJsonAsync($"/api/tasks/{taskId}/actions", new { action = "urge" }),
            HttpStatusCode.NoContent);
        await CallAsync(sales.PostAsJsonAsync($"/api/tasks/{taskId}/actions", new { action = "urge" }),
            HttpStatusCode.TooManyRequests);
        var notices = await manager.GetFromJsonAsync<JsonArray>("/api/notifications");
        await CallAsync(manager.PostAsync($"/api/notifications/{notices![0]!["id"]}/read", null), HttpStatusCode.NoContent);
        await CallAsync(manager.PostAsync("/api/notifications/no-such-notice/read", null), HttpStatusCode.NotFound);
        await CallAsync(manager.GetAsync("/api/notifications?limit=0"), HttpStatusCode.BadRequest);
        var second = await StartAsync(sales);
        await CallAsync(sales.PostAsJsonAsync($"/api/instances/{second}/withdraw", new { comment = "客户取消" }),
            HttpStatusCode.NoContent);
        await CallAsync(sales.PostAsync($"/api/instances/{second}/withdraw", null), HttpStatusCode.Conflict);

        // Incidents, records and drafts.
        await CallAsync(owner.GetAsync("/api/incidents"), HttpStatusCode.OK);
        await CallAsync(sales.GetAsync("/api/incidents"), HttpStatusCode.Forbidden);
        await CallAsync(owner.GetAsync("/api/records"), HttpStatusCode.OK);
        await CallAsync(owner.GetAsync($"/api/records/{OrderDefinitions.FormKey}"), HttpStatusCode.OK);
        await CallAsync(owner.GetAsync($"/api/records/{OrderDefinitions.FormKey}?limit=0"), HttpStatusCode.BadRequest);
        await CallAsync(owner.GetAsync($"/api/records/{OrderDefinitions.FormKey}/999999"), HttpStatusCode.NotFound);
        await CallAsync(owner.GetAsync("/api/dashboards"), HttpStatusCode.OK);
        var draftPath = $"/api/definitions/flows/{OrderDefinitions.FlowKey}/draft";
        var draft = await owner.GetFromJsonAsync<JsonObject>(draftPath);
        var save = new { document = draft!["document"], expectedRevision = (long)draft["revision"]! };
        await CallAsync(owner.PutAsJsonAsync(draftPath, save), HttpStatusCode.OK);
        await CallAsync(owner.PutAsJsonAsync(draftPath, save), HttpStatusCode.Conflict);
        await CallAsync(sales.PutAsJsonAsync(draftPath, save), HttpStatusCode.Forbidden);
        await CallAsync(owner.DeleteAsync(draftPath), HttpStatusCode.NoContent);
        await CallAsync(owner.DeleteAsync(draftPath), HttpStatusCode.NotFound);

        var contract = OpenApiContract.Parse((await owner.GetFromJsonAsync<JsonObject>("/api/openapi/v1.json"))!);
        var unlisted = recorder.Replies
            .Where(reply => reply.Path.StartsWith("/api/", StringComparison.Ordinal) && !reply.Path.StartsWith("/api/openapi", StringComparison.Ordinal))
            .Select(reply => contract.Unlisted(reply.Method, reply.Path, reply.Status))
            .OfType<string>()
            .Distinct()
            .ToList();
        Assert.That(unlisted, Is.Empty);
    }

    [Test]
    public async Task Unlisted_status_is_reported()
    {
        await using var factory = new DesignerAppFactory();
        using var client = await ApiAccessTests.ClientForAsync(factory, "sales1");
        var document = (await client.GetFromJsonAsync<JsonObject>("/api/openapi/v1.json"))!;
        document["paths"]!["/api/instances"]!["post"]!["responses"]!.AsObject().Remove("201");

        var contract = OpenApiContract.Parse(document);

        Assert.That(contract.Unlisted("POST", "/api/instances", HttpStatusCode.Created), Is.EqualTo(
            "POST /api/instances returned 201, but POST /api/instances lists only 400, 401, 403, 415, 422."));
        Assert.That(contract.Unlisted("POST", "/api/instances", HttpStatusCode.UnprocessableEntity), Is.Null);
        Assert.That(contract.Unlisted("GET", "/api/records/order/views", HttpStatusCode.OK), Is.Null);
        Assert.That(contract.Unlisted("GET", "/api/nothing/here", HttpStatusCode.OK), Is.EqualTo(
            "GET /api/nothing/here returned 200, but the document has no operation for it."));
    }

    [Test]
    public async Task Document_lists_security_and_schemas()
    {
        await using var factory = new DesignerAppFactory();
        using var client = await ApiAccessTests.ClientForAsync(factory, "sales1");

        var document = (await client.GetFromJsonAsync<JsonObject>("/api/openapi/v1.json"))!;

        var schemes = document["components"]!["securitySchemes"]!;
        Assert.That((string?)schemes[ApiKeyScheme]!["in"], Is.EqualTo("header"));
        Assert.That((string?)schemes[ApiKeyScheme]!["name"], Is.EqualTo(ApiKeyAuthenticationHandler.HeaderName));
        Assert.That((string?)schemes["SignInCookie"]!["in"], Is.EqualTo("cookie"));
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                var name = $"{method.ToUpperInvariant()} {path}";
                var responses = operation!["responses"]!.AsObject();
                Assert.That(path, Does.StartWith("/api/"), name);
                Assert.That(responses.Select(response => response.Key), Does.Contain("401"), name);
                Assert.That(operation["security"]?.AsArray(), Has.Count.EqualTo(2), name);
                foreach (var (status, response) in responses.Where(response => response.Key is "200" or "201"))
                {
                    Assert.That(response!["content"]?.AsObject(), Is.Not.Null.And.Not.Empty, $"{name} {status}");
                }
            }
        }
    }

    private const string ApiKeyScheme = "ApiKey";

    private static async Task<HttpClient> ClientAsync(DesignerAppFactory factory, ReplyRecorder recorder, string userId)
    {
        var key = await factory.Services.GetRequiredService<AccountStore>().CreateApiKeyAsync(userId, "test", default);
        var client = new HttpClient(recorder, disposeHandler: false) { BaseAddress = factory.RootUri };
        client.DefaultRequestHeaders.Add(ApiKeyAuthenticationHandler.HeaderName, key);
        return client;
    }

    private static async Task<string> StartAsync(HttpClient sales)
    {
        using var response = await sales.PostAsJsonAsync("/api/instances", new
        {
            flowKey = OrderDefinitions.FlowKey,
            data = new { customer = "协和医院", region = "east", total = 90_000m },
        });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        return (string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
    }

    private static async Task CallAsync(Task<HttpResponseMessage> call, HttpStatusCode expected)
    {
        using var response = await call;
        Assert.That(response.StatusCode, Is.EqualTo(expected),
            $"{response.RequestMessage!.Method} {response.RequestMessage.RequestUri!.AbsolutePath}: " +
            await response.Content.ReadAsStringAsync());
    }
}
