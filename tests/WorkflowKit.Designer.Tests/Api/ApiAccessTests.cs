using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using WorkflowKit.Designer.Accounts;
using WorkflowKit.Designer.Services;
using WorkflowKit.Designer.Tests.Support;

namespace WorkflowKit.Designer.Tests.Api;

[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class ApiAccessTests
{
    [Test]
    public async Task Tasks_without_credentials_is_401()
    {
        await using var factory = new DesignerAppFactory();
        using var client = factory.CreateClient(new() { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");

        using var response = await client.GetAsync("/api/tasks");
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(response.Headers.WwwAuthenticate.ToString(), Is.EqualTo(
            "ApiKey realm=\"WorkflowKit\", header=\"X-Api-Key\""));
        Assert.That((string?)problem?["detail"], Is.EqualTo(
            "Authentication is required. Send an API key in the X-Api-Key header (an administrator creates keys at " +
            "/admin/api-keys), or sign in at /login and send the sign-in cookie with the request."));
        Assert.That((int?)problem?["status"], Is.EqualTo(401));
    }

    [Test]
    public async Task Unknown_api_key_is_401()
    {
        await using var factory = new DesignerAppFactory();
        using var client = factory.CreateClient(new() { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add("X-Api-Key", "wk_not-a-key");
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");

        using var response = await client.GetAsync("/api/tasks");
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(response.Headers.WwwAuthenticate.ToString(), Is.EqualTo(
            "ApiKey realm=\"WorkflowKit\", header=\"X-Api-Key\""));
        Assert.That((string?)problem?["detail"], Is.EqualTo(
            "The X-Api-Key header does not name an active API key. Send an active key, or ask an administrator to " +
            "create one at /admin/api-keys."));
    }

    [Test]
    public async Task Publish_by_salesperson_is_403()
    {
        await using var factory = new DesignerAppFactory();
        using var sales = await ClientForAsync(factory, "sales1", "en");
        await OrderDefinitions.PublishAsync(factory.Services.GetRequiredService<IDefinitionService>(), "owner");

        using var response = await sales.PostAsync($"/api/definitions/flows/{OrderDefinitions.FlowKey}/publish", null);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That((string?)problem?["detail"], Does.StartWith($"This account may not use POST /api/definitions/flows/{OrderDefinitions.FlowKey}/publish, because the definition endpoints need the process owner or administrator role"));
        Assert.That((int?)problem?["status"], Is.EqualTo(403));
    }

    [Test]
    public async Task Signed_in_publish_is_403_with_body()
    {
        await using var factory = new DesignerAppFactory();
        await OrderDefinitions.PublishAsync(factory.Services.GetRequiredService<IDefinitionService>(), "owner");
        using var sales = await CookieClients.SignInAsync(factory, "sales1");

        using var response = await sales.PostAsync($"/api/definitions/flows/{OrderDefinitions.FlowKey}/publish", null);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();

        // sales1 reads Chinese, so the reply is in Chinese.
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That((string?)problem?["detail"], Is.EqualTo(
            $"此账号不能调用 POST /api/definitions/flows/{OrderDefinitions.FlowKey}/publish，因为定义接口需要流程负责人或管理员角色，" +
            "而此账号没有。请联系管理员为账号分配该角色，或改用拥有该角色的账号。"));
    }

    [Test]
    public async Task Instance_of_another_salesperson_is_404_and_visible_to_its_approver()
    {
        await using var factory = new DesignerAppFactory();
        using var sales1 = await ClientForAsync(factory, "sales1");
        using var sales2 = await ClientForAsync(factory, "sales2");
        using var manager = await ClientForAsync(factory, "manager");
        await OrderDefinitions.PublishAsync(factory.Services.GetRequiredService<IDefinitionService>(), "owner");
        var id = await StartOrderAsync(sales1, 120_000m);

        using var other = await sales2.GetAsync($"/api/instances/{id}");
        using var approver = await manager.GetAsync($"/api/instances/{id}");

        Assert.Multiple(() =>
        {
            Assert.That(other.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(approver.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        });
    }

    [Test]
    public async Task Acting_on_someone_elses_task_is_403()
    {
        await using var factory = new DesignerAppFactory();
        using var sales1 = await ClientForAsync(factory, "sales1");
        using var manager = await ClientForAsync(factory, "manager");
        await OrderDefinitions.PublishAsync(factory.Services.GetRequiredService<IDefinitionService>(), "owner");
        await StartOrderAsync(sales1, 90_000m);
        var tasks = await manager.GetFromJsonAsync<JsonArray>("/api/tasks");
        var taskId = tasks![0]!["id"]!.GetValue<string>();

        using var response = await sales1.PostAsJsonAsync($"/api/tasks/{taskId}/actions", new { action = "approve" });
        using var own = await manager.PostAsJsonAsync($"/api/tasks/{taskId}/actions", new { action = "approve" });

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(own.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        });
    }

    [Test]
    public async Task Start_with_missing_required_field_is_422_naming_the_field()
    {
        await using var factory = new DesignerAppFactory();
        using var sales1 = await ClientForAsync(factory, "sales1");
        await OrderDefinitions.PublishAsync(factory.Services.GetRequiredService<IDefinitionService>(), "owner");

        using var response = await sales1.PostAsJsonAsync("/api/instances", new
        {
            flowKey = OrderDefinitions.FlowKey,
            data = new { region = "east", total = 10 },
        });
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
            Assert.That(problem!["errors"]!.AsObject().ContainsKey("customer"), Is.True, problem.ToJsonString());
        });
    }

    [Test]
    public async Task Stale_draft_save_is_409_naming_who_changed_it()
    {
        await using var factory = new DesignerAppFactory();
        using var owner = await ClientForAsync(factory, "owner");
        using var admin = await ClientForAsync(factory, "admin");
        await OrderDefinitions.PublishAsync(factory.Services.GetRequiredService<IDefinitionService>(), "owner");
        var draft = await owner.GetFromJsonAsync<JsonObject>($"/api/definitions/flows/{OrderDefinitions.FlowKey}/draft");
        var revision = draft!["revision"]!.GetValue<long>();
        var document = draft["document"]!.AsObject();

        using var first = await admin.PutAsJsonAsync(
            $"/api/definitions/flows/{OrderDefinitions.FlowKey}/draft", new { document, expectedRevision = revision });
        using var second = await owner.PutAsJsonAsync(
            $"/api/definitions/flows/{OrderDefinitions.FlowKey}/draft", new { document, expectedRevision = revision });
        var problem = await second.Content.ReadFromJsonAsync<JsonObject>();

        Assert.Multiple(() =>
        {
            Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
            Assert.That(problem!["changedBy"]?.GetValue<string>(), Is.EqualTo("admin"));
        });
    }

    [Test]
    public async Task OpenApi_document_lists_the_task_endpoints()
    {
        await using var factory = new DesignerAppFactory();
        using var client = await ClientForAsync(factory, "sales1");

        var document = await client.GetFromJsonAsync<JsonObject>("/api/openapi/v1.json");

        Assert.That(document!["paths"]!.AsObject().Select(p => p.Key), Does.Contain("/api/tasks/{id}/actions"));
    }

    [Test]
    public async Task OpenApi_document_describes_action_responses()
    {
        await using var factory = new DesignerAppFactory();
        using var client = await ClientForAsync(factory, "sales1");

        var document = await client.GetFromJsonAsync<JsonObject>("/api/openapi/v1.json");
        var responses = document!["paths"]!["/api/tasks/{id}/actions"]!["post"]!["responses"]!.AsObject();
        var ok = responses["200"]?["content"]?["application/json"]?["schema"];
        var body = Resolve(document, ok);
        var warning = Resolve(document, body?["properties"]?["warnings"]?["items"]);

        Assert.That(responses.Select(r => r.Key), Is.SupersetOf(new[] { "200", "204", "400", "403", "404", "409", "429" }));
        Assert.That(responses["204"]!["content"], Is.Null, "204 has no body");
        Assert.That(body?["properties"]?["warnings"]?["type"]?.ToString(), Is.EqualTo("array"), ok?.ToJsonString());
        Assert.That(
            warning?["properties"]?.AsObject().Select(p => p.Key),
            Is.EquivalentTo(new[] { "subTable", "row", "owner", "message" }),
            warning?.ToJsonString());
    }

    // Returns the schema that a local "$ref" such as "#/components/schemas/TaskActionResponse" points to, or the
    // schema itself when it has no "$ref".
    private static JsonNode? Resolve(JsonObject document, JsonNode? schema)
    {
        if (schema?["$ref"]?.GetValue<string>() is not { } reference)
        {
            return schema;
        }

        JsonNode? node = document;
        foreach (var part in reference.TrimStart('#', '/').Split('/'))
        {
            node = node?[part];
        }

        return node;
    }

    /// <summary>
    /// Returns a client with an API key of <paramref name="userId"/>; a <paramref name="culture"/> such as "en" first
    /// switches the account to that language, in which the API words its problem replies.
    /// </summary>
    internal static async Task<HttpClient> ClientForAsync(DesignerAppFactory factory, string userId, string? culture = null)
    {
        var client = factory.CreateClient(new() { AllowAutoRedirect = false });
        if (culture is not null)
        {
            await factory.Services.GetRequiredService<AccountStore>().SetCultureAsync(userId, culture, default);
        }

        var key = await factory.Services.GetRequiredService<AccountStore>().CreateApiKeyAsync(userId, "test", default);
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    private static async Task<string> StartOrderAsync(HttpClient client, decimal total)
    {
        using var response = await client.PostAsJsonAsync("/api/instances", new
        {
            flowKey = OrderDefinitions.FlowKey,
            data = new { customer = "协和医院", region = "east", total },
        });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        var instance = await response.Content.ReadFromJsonAsync<JsonElement>();
        return instance.GetProperty("id").GetString()!;
    }
}
