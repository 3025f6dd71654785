using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using WorkflowKit.Designer.Accounts;
using WorkflowKit.Designer.Services;
using WorkflowKit.Runtime;
using WorkflowKit.Designer.Tests.Support;

namespace WorkflowKit.Designer.Tests.Api;

/// <summary>Instances through the REST API of a server on 127.0.0.1: the start reply and the audit trail's changes.</summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class InstanceApiTests
{
    [Test]
    public async Task Start_reply_lists_waiting_node()
    {
        await using var factory = new DesignerAppFactory(kestrel: true);
        using var sales1 = await LoopbackClients.ForAsync(factory, "sales1");
        await OrderDefinitions.PublishAsync(factory.Services.GetRequiredService<IDefinitionService>(), "owner");

        var started = await StartOrderAsync(sales1);
        var detail = await sales1.GetFromJsonAsync<JsonObject>($"/api/instances/{started["id"]}");

        Assert.Multiple(() =>
        {
            Assert.That(Nodes(started), Is.EqualTo(new[] { OrderDefinitions.ManagerNode }));
            Assert.That(Nodes(started), Is.EqualTo(Nodes(detail!["summary"]!.AsObject())));
        });
    }

    [Test]
    public async Task Audit_line_lists_old_and_new_values()
    {
        await using var factory = new DesignerAppFactory(kestrel: true);
        using var sales1 = await LoopbackClients.ForAsync(factory, "sales1");
        using var manager = await LoopbackClients.ForAsync(factory, "manager");
        await OrderDefinitions.PublishAsync(factory.Services.GetRequiredService<IDefinitionService>(), "owner");
        var instanceId = (string)(await StartOrderAsync(sales1))["id"]!;
        var tasks = await manager.GetFromJsonAsync<JsonArray>("/api/tasks");
        var taskId = (string)tasks!.Single(task => (string)task!["instanceId"]! == instanceId)!["id"]!;

        using var approve = await manager.PostAsJsonAsync(
            $"/api/tasks/{taskId}/actions", new { action = "approve", changes = new { note = "ship by Friday" } });
        Assert.That(approve.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), await approve.Content.ReadAsStringAsync());
        var detail = await sales1.GetFromJsonAsync<JsonObject>($"/api/instances/{instanceId}");

        var line = detail!["audit"]!.AsArray().Single(entry => (string)entry!["action"]! == "approve")!;
        var note = line["changes"]?["note"];
        Assert.Multiple(() =>
        {
            Assert.That(note, Is.Not.Null, line.ToJsonString());
            Assert.That(note?["old"], Is.Null);
            Assert.That((string?)note?["new"], Is.EqualTo("ship by Friday"));
            Assert.That(line["changes"]!.AsObject().ContainsKey("total"), Is.False);
        });
    }

    [Test]
    public async Task Script_change_on_system_line()
    {
        await using var factory = new DesignerAppFactory(kestrel: true);
        using var sales1 = await LoopbackClients.ForAsync(factory, "sales1");
        using var manager = await LoopbackClients.ForAsync(factory, "manager");
        await OrderDefinitions.PublishAsync(
            factory.Services.GetRequiredService<IDefinitionService>(), "owner", OrderDefinitions.FlowWithScript());
        var instanceId = (string)(await StartOrderAsync(sales1))["id"]!;
        var tasks = await manager.GetFromJsonAsync<JsonArray>("/api/tasks");
        var taskId = (string)tasks!.Single(task => (string)task!["instanceId"]! == instanceId)!["id"]!;

        using var approve = await manager.PostAsJsonAsync($"/api/tasks/{taskId}/actions", new { action = "approve" });
        Assert.That(approve.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), await approve.Content.ReadAsStringAsync());
        var detail = await sales1.GetFromJsonAsync<JsonObject>($"/api/instances/{instanceId}");

        var audit = detail!["audit"]!.AsArray();
        var script = audit.Single(entry => (string?)entry!["nodeId"] == OrderDefinitions.ScriptNode)!;
        var approval = audit.Single(entry => (string)entry!["action"]! == "approve")!;
        Assert.Multiple(() =>
        {
            Assert.That((string?)script["userId"], Is.EqualTo("system"));
            Assert.That((string?)script["changes"]?["region"]?["old"], Is.EqualTo("east"), script.ToJsonString());
            Assert.That((string?)script["changes"]?["region"]?["new"], Is.EqualTo("north"));
            Assert.That(approval["changes"], Is.Null, approval.ToJsonString());
        });
    }

    private static string[] Nodes(JsonObject instance) =>
        [.. instance["currentNodes"]!.AsArray().Select(node => (string)node!)];

    [Test]
    public async Task Start_records_api_or_form()
    {
        await using var factory = new DesignerAppFactory(kestrel: true);
        using var sales1 = await LoopbackClients.ForAsync(factory, "sales1");
        await OrderDefinitions.PublishAsync(factory.Services.GetRequiredService<IDefinitionService>(), "owner");
        var user = new UserContext(
            "sales1", "张伟", "sales-east", [RoleNames.Sales], new Dictionary<string, string> { ["region"] = "east" },
            "zh-CN");

        var throughApi = (string)(await StartOrderAsync(sales1))["id"]!;
        var onPage = await factory.Services.GetRequiredService<IWorkService>().StartAsync(
            OrderDefinitions.FlowKey, new JsonObject { ["customer"] = "协和医院", ["region"] = "east", ["total"] = 10 },
            user, default);

        var engine = factory.Services.GetRequiredService<WorkflowEngine>();
        var api = (await engine.GetInstanceAsync(throughApi, default))!.Instance;
        var page = (await engine.GetInstanceAsync(onPage.Id, default))!.Instance;
        Assert.That((api.TriggerKind, api.Initiator), Is.EqualTo((TriggerKinds.Api, "sales1")));
        Assert.That((page.TriggerKind, page.Initiator), Is.EqualTo((TriggerKinds.Form, "sales1")));
    }

    private static async Task<JsonObject> StartOrderAsync(HttpClient client)
    {
        using var response = await client.PostAsJsonAsync("/api/instances", new
        {
            flowKey = OrderDefinitions.FlowKey,
            data = new { customer = "协和医院", region = "east", total = 90_000m },
        });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }
}
