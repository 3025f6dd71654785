using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using WorkflowKit.Definitions;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Designer.Accounts;
using WorkflowKit.Designer.Services;
using WorkflowKit.Designer.Tests.Support;

namespace WorkflowKit.Designer.Tests.Api;

/// <summary>
/// <c>POST /api/instances/{id}/withdraw</c> on a flow with a withdrawal path: the path runs with the reason from the
/// body, a failing node gives 409 naming the node while the instance keeps its open task, and a body with an unknown
/// property or a reason that is too long gets 400 and withdraws nothing.
/// </summary>
public sealed class WithdrawalPathApiTests
{
    [Test]
    public async Task Withdraw_runs_path()
    {
        await using var app = new DesignerAppFactory();
        await OrderDefinitions.PublishAsync(
            app.Services.GetRequiredService<IDefinitionService>(), "owner", FlowWithPath("form.note = 'undone';"));
        using var client = await ClientAsync(app, "sales1");
        var id = await StartAsync(client);

        using var withdraw = await client.PostAsync($"/api/instances/{id}/withdraw", null);

        var detail = await client.GetFromJsonAsync<JsonObject>($"/api/instances/{id}");
        Assert.That(withdraw.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), await withdraw.Content.ReadAsStringAsync());
        Assert.That(detail!.ToJsonString(), Does.Contain("\"note\":\"undone\""));
        Assert.That(await OpenTaskCountAsync(app, id), Is.Zero);
    }

    [Test]
    public async Task Failing_path_is_a_conflict()
    {
        await using var app = new DesignerAppFactory();
        await OrderDefinitions.PublishAsync(
            app.Services.GetRequiredService<IDefinitionService>(), "owner",
            FlowWithPath("throw new Error('ledger is closed');"));
        using var client = await ClientAsync(app, "sales1");
        var id = await StartAsync(client);

        using var withdraw = await client.PostAsync($"/api/instances/{id}/withdraw", null);

        var body = await withdraw.Content.ReadAsStringAsync();
        Assert.That(withdraw.StatusCode, Is.EqualTo(HttpStatusCode.Conflict), body);
        Assert.That(withdraw.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        Assert.That(body, Does.Contain($"Instance {id} was not withdrawn: node 'undo' (script) of the withdrawal path"));
        Assert.That(body, Does.Contain("ledger is closed"));
        Assert.That(await OpenTaskCountAsync(app, id), Is.EqualTo(1));
    }

    [Test]
    public async Task Withdraw_reason_reaches_path()
    {
        await using var app = new DesignerAppFactory();
        await OrderDefinitions.PublishAsync(
            app.Services.GetRequiredService<IDefinitionService>(), "owner",
            FlowWithPath("form.note = vars.withdrawal.comment;"));
        using var client = await ClientAsync(app, "sales1");
        var id = await StartAsync(client);

        using var withdraw = await client.PostAsJsonAsync($"/api/instances/{id}/withdraw", new { comment = "客户取消" });

        var detail = await client.GetFromJsonAsync<JsonObject>($"/api/instances/{id}");
        var line = detail!["audit"]!.AsArray().Single(entry => (string)entry!["action"]! == "instance.withdrawn")!;
        Assert.That(withdraw.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), await withdraw.Content.ReadAsStringAsync());
        Assert.That((string?)detail["data"]!["note"], Is.EqualTo("客户取消"));
        Assert.That((string?)line["comment"], Is.EqualTo("客户取消"));
    }

    [Test]
    public async Task Withdraw_unknown_property_is_400()
    {
        await using var app = new DesignerAppFactory();
        await OrderDefinitions.PublishAsync(
            app.Services.GetRequiredService<IDefinitionService>(), "owner", FlowWithPath("form.note = 'undone';"));
        using var client = await ClientAsync(app, "sales1", "en");
        var id = await StartAsync(client);

        using var withdraw = await client.PostAsJsonAsync($"/api/instances/{id}/withdraw", new { reason = "客户取消" });

        var body = await withdraw.Content.ReadAsStringAsync();
        Assert.That(withdraw.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), body);
        Assert.That((string?)JsonNode.Parse(body)!["detail"], Is.EqualTo(
            "The request body has a property \"reason\" (at $.reason) that this endpoint does not know. Remove it or correct its " +
            "name; the body's properties are: comment."));
        Assert.That(await OpenTaskCountAsync(app, id), Is.EqualTo(1), "the instance is not withdrawn");
    }

    [Test]
    public async Task Withdraw_long_reason_is_400()
    {
        await using var app = new DesignerAppFactory();
        await OrderDefinitions.PublishAsync(
            app.Services.GetRequiredService<IDefinitionService>(), "owner", FlowWithPath("form.note = 'undone';"));
        using var client = await ClientAsync(app, "sales1");
        var id = await StartAsync(client);

        using var withdraw = await client.PostAsJsonAsync(
            $"/api/instances/{id}/withdraw", new { comment = new string('因', 2001) });

        var body = await withdraw.Content.ReadAsStringAsync();
        Assert.That(withdraw.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), body);
        Assert.That((string?)JsonNode.Parse(body)!["detail"], Does.StartWith(
            $"The withdrawal reason for instance '{id}' is 2,001 characters long; write at most 2,000 characters."));
        Assert.That(await OpenTaskCountAsync(app, id), Is.EqualTo(1), "the instance is not withdrawn");
    }

    private static FlowDefinition FlowWithPath(string script)
    {
        var flow = OrderDefinitions.Flow();
        flow.Nodes.Add(new NodeDefinition
        {
            Id = "undo", Type = NodeTypes.Script, Name = new LocalizedText("撤销", "Undo"), Script = script,
            Position = new NodePosition { X = 300, Y = 320 },
        });
        flow.Nodes.Add(new NodeDefinition
        {
            Id = "undone", Type = NodeTypes.End, Name = new LocalizedText("已撤销", "Undone"),
            Position = new NodePosition { X = 560, Y = 320 },
        });
        flow.Edges.Add(new EdgeDefinition { Id = "e-undone", From = "undo", To = "undone" });
        flow.Settings = new FlowSettings { OnWithdraw = new WithdrawalPath { Node = "undo" } };
        return flow;
    }

    private static async Task<string> StartAsync(HttpClient client)
    {
        using var started = await client.PostAsJsonAsync("/api/instances", new
        {
            flowKey = OrderDefinitions.FlowKey,
            data = new { customer = "瑞金医院", region = "east", total = 800 },
        });
        var body = await started.Content.ReadFromJsonAsync<JsonObject>();
        return body!["id"]!.GetValue<string>();
    }

    private static async Task<int> OpenTaskCountAsync(DesignerAppFactory app, string instanceId)
    {
        using var manager = await ClientAsync(app, "manager");
        var inbox = await manager.GetFromJsonAsync<JsonArray>("/api/tasks");
        return inbox!.Count(task => task!["instanceId"]!.GetValue<string>() == instanceId);
    }

    private static async Task<HttpClient> ClientAsync(DesignerAppFactory app, string userId, string? culture = null)
    {
        if (culture is not null)
        {
            await app.Services.GetRequiredService<AccountStore>().SetCultureAsync(userId, culture, default);
        }

        var client = app.CreateClient(new() { AllowAutoRedirect = false });
        var key = await app.Services.GetRequiredService<AccountStore>().CreateApiKeyAsync(userId, "test", default);
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }
}
