using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Definitions.Json;
using WorkflowKit.Designer.Accounts;
using WorkflowKit.Designer.Services;
using WorkflowKit.Designer.Tests.Support;

namespace WorkflowKit.Designer.Tests.Api;

/// <summary>
/// Replies under /api when the engine refuses an action on an instance, or the server fails: a problem body, never
/// a 500 for a refusal and never the HTML error page.
/// </summary>
[TestFixture]
public sealed class ApiErrorReplyTests
{
    private const string CountersignFlow = "order-countersign";

    [Test]
    public async Task Refused_withdraw_is_a_conflict()
    {
        await using var app = new DesignerAppFactory();
        await PublishCountersignAsync(app.Services.GetRequiredService<IDefinitionService>());
        using var client = await ClientAsync(app, "sales1");
        using var started = await client.PostAsJsonAsync("/api/instances", Order() with { flowKey = CountersignFlow });
        var id = (await started.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();

        using var manager = await ClientAsync(app, "manager");
        var inbox = await manager.GetFromJsonAsync<JsonArray>("/api/tasks");
        var taskId = inbox!.Single(task => task!["instanceId"]!.GetValue<string>() == id)!["id"]!.GetValue<string>();
        using var approved = await manager.PostAsJsonAsync($"/api/tasks/{taskId}/actions", new { action = "approve" });

        using var withdraw = await client.PostAsync($"/api/instances/{id}/withdraw", null);

        var body = await withdraw.Content.ReadAsStringAsync();
        Assert.That(approved.IsSuccessStatusCode, Is.True, await approved.Content.ReadAsStringAsync());
        Assert.That(withdraw.StatusCode, Is.EqualTo(HttpStatusCode.Conflict), body);
        Assert.That(withdraw.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
    }

    [Test]
    public async Task Server_failure_is_a_problem_reply()
    {
        await using var app = new DesignerAppFactory(settings: new Dictionary<string, string> { ["environment"] = "Production" });
        await OrderDefinitions.PublishAsync(app.Services.GetRequiredService<IDefinitionService>(), "owner");
        using var client = await ClientAsync(app, "sales1");
        await using (var connection = new SqliteConnection($"Data Source={app.DatabasePath}"))
        {
            await connection.OpenAsync();
            await using var drop = connection.CreateCommand();
            drop.CommandText = "DROP TABLE wk_audit;";
            await drop.ExecuteNonQueryAsync();
        }

        using var response = await client.PostAsJsonAsync("/api/instances", Order());

        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.InternalServerError));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"), body);
        var problem = System.Text.Json.Nodes.JsonNode.Parse(body)!.AsObject();
        Assert.That((string?)problem["code"], Is.EqualTo("server-error"));
        Assert.That((string?)problem["detail"], Does.StartWith(
            $"服务器处理 POST /api/instances 时出错。错误已记录，参考编号 {problem["referenceId"]}。"));
    }

    private static async Task<HttpClient> ClientAsync(DesignerAppFactory app, string userId)
    {
        var client = app.CreateClient(new() { AllowAutoRedirect = false });
        var key = await app.Services.GetRequiredService<AccountStore>().CreateApiKeyAsync(userId, "test", default);
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    private static StartBody Order() =>
        new(OrderDefinitions.FlowKey, new { customer = "瑞金医院", region = "east", total = 800 });

    /// <summary>Publishes the order flow with a countersign by manager and finance1, so one approval leaves it running.</summary>
    private static async Task PublishCountersignAsync(IDefinitionService definitions)
    {
        await OrderDefinitions.PublishAsync(definitions, "owner");
        var flow = OrderDefinitions.Flow();
        flow.Key = CountersignFlow;
        var node = flow.Nodes.Single(candidate => candidate.Id == OrderDefinitions.ManagerNode);
        node.ApprovalMode = ApprovalModes.Countersign;
        node.Assignees =
        [
            new AssigneeRule { Type = AssigneeTypes.User, Value = "manager" },
            new AssigneeRule { Type = AssigneeTypes.User, Value = "finance1" },
        ];
        await definitions.SaveDraftAsync(DefinitionKind.Flow, CountersignFlow, DefinitionJson.Serialize(flow), null, "owner", default);
        var published = await definitions.PublishAsync(DefinitionKind.Flow, CountersignFlow, "owner", null, default);
        Assert.That(published.Published, Is.True, string.Join("; ", published.Diagnostics.Select(d => d.Message)));
    }

    private sealed record StartBody(string flowKey, object data);
}
