using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Definitions.Json;
using WorkflowKit.Designer.Services;
using WorkflowKit.Designer.Tests.Support;

namespace WorkflowKit.Designer.Tests.Api;

/// <summary>
/// Task actions through the REST API: who may urge, urging an ended instance, a title that a node hides, and changes
/// that break the form's rules.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class TaskActionApiTests
{
    [Test]
    public async Task Urge_by_unrelated_user_is_404()
    {
        await using var factory = new DesignerAppFactory();
        using var sales1 = await ApiAccessTests.ClientForAsync(factory, "sales1");
        using var sales2 = await ApiAccessTests.ClientForAsync(factory, "sales2");
        using var manager = await ApiAccessTests.ClientForAsync(factory, "manager");
        await OrderDefinitions.PublishAsync(factory.Services.GetRequiredService<IDefinitionService>(), "owner");
        var instanceId = await StartOrderAsync(sales1, "协和医院");
        var taskId = await OpenTaskIdAsync(manager, instanceId);

        // sales2 neither started the order nor may open it, so urging its approver is rejected as for a missing task.
        using var view = await sales2.GetAsync($"/api/instances/{instanceId}");
        using var urge = await sales2.PostAsJsonAsync($"/api/tasks/{taskId}/actions", new { action = "urge" });

        Assert.Multiple(() =>
        {
            Assert.That(view.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(urge.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        });
    }

    [Test]
    public async Task Urge_on_completed_instance_is_409()
    {
        await using var factory = new DesignerAppFactory();
        using var sales1 = await ApiAccessTests.ClientForAsync(factory, "sales1");
        using var manager = await ApiAccessTests.ClientForAsync(factory, "manager");
        await OrderDefinitions.PublishAsync(factory.Services.GetRequiredService<IDefinitionService>(), "owner");
        var instanceId = await StartOrderAsync(sales1, "协和医院");
        var taskId = await OpenTaskIdAsync(manager, instanceId);
        using var approve = await manager.PostAsJsonAsync($"/api/tasks/{taskId}/actions", new { action = "approve" });
        Assert.That(approve.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));

        using var urge = await sales1.PostAsJsonAsync($"/api/tasks/{taskId}/actions", new { action = "urge" });

        Assert.That(urge.StatusCode, Is.EqualTo(HttpStatusCode.Conflict), await urge.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task Urge_again_too_soon_is_429()
    {
        await using var factory = new DesignerAppFactory();
        using var sales1 = await ApiAccessTests.ClientForAsync(factory, "sales1", "en");
        using var manager = await ApiAccessTests.ClientForAsync(factory, "manager");
        await OrderDefinitions.PublishAsync(factory.Services.GetRequiredService<IDefinitionService>(), "owner");
        var instanceId = await StartOrderAsync(sales1, "协和医院");
        var taskId = await OpenTaskIdAsync(manager, instanceId);
        using var first = await sales1.PostAsJsonAsync($"/api/tasks/{taskId}/actions", new { action = "urge" });

        using var second = await sales1.PostAsJsonAsync($"/api/tasks/{taskId}/actions", new { action = "urge" });

        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), await first.Content.ReadAsStringAsync());
        Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
        var retryAfter = second.Headers.RetryAfter?.Delta;
        Assert.That(retryAfter, Is.GreaterThan(TimeSpan.FromMinutes(9)).And.LessThanOrEqualTo(TimeSpan.FromMinutes(10)));
        var problem = JsonNode.Parse(await second.Content.ReadAsStringAsync())!;
        Assert.That(problem["detail"]!.GetValue<string>(), Does.StartWith(
            $"You already urged the open tasks of instance {instanceId} within the last 10 minutes, so nobody was " +
            "notified again. Urge again after "));
    }

    [Test]
    public async Task Cc_title_omits_hidden_field()
    {
        await using var factory = new DesignerAppFactory();
        using var sales1 = await ApiAccessTests.ClientForAsync(factory, "sales1");
        using var manager = await ApiAccessTests.ClientForAsync(factory, "manager");
        using var finance = await ApiAccessTests.ClientForAsync(factory, "finance1");
        var definitions = factory.Services.GetRequiredService<IDefinitionService>();
        await OrderDefinitions.PublishAsync(definitions, "owner");
        await PublishFlowAsync(definitions, node => node.FieldPermissions!["customer"] =
            new FieldPermission { Access = FieldPermission.Hidden });
        var instanceId = await StartOrderAsync(sales1, "Hidden Customer 7");
        var taskId = await OpenTaskIdAsync(manager, instanceId);
        using var copy = await manager.PostAsJsonAsync(
            $"/api/tasks/{taskId}/actions", new { action = "cc", targetUserId = "finance1" });
        Assert.That(copy.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));

        var detail = await finance.GetFromJsonAsync<JsonObject>($"/api/instances/{instanceId}");
        var copiedList = await finance.GetStringAsync("/api/instances");

        Assert.Multiple(() =>
        {
            Assert.That(detail!["data"]!.AsObject().ContainsKey("customer"), Is.False);
            Assert.That(detail.ToJsonString(), Does.Not.Contain("Hidden Customer 7"));
            Assert.That(copiedList, Does.Not.Contain("Hidden Customer 7"));
        });
    }

    [Test]
    public async Task Approve_breaking_form_rule_is_422()
    {
        await using var factory = new DesignerAppFactory();
        using var sales1 = await ApiAccessTests.ClientForAsync(factory, "sales1");
        using var manager = await ApiAccessTests.ClientForAsync(factory, "manager");
        var definitions = factory.Services.GetRequiredService<IDefinitionService>();
        await OrderDefinitions.PublishAsync(definitions, "owner");
        await PublishFlowAsync(definitions, node => node.FieldPermissions!["total"] =
            new FieldPermission { Access = FieldPermission.Editable });
        var instanceId = await StartOrderAsync(sales1, "协和医院");
        var taskId = await OpenTaskIdAsync(manager, instanceId);

        using var approve = await manager.PostAsJsonAsync(
            $"/api/tasks/{taskId}/actions", new { action = "approve", changes = new { total = -5 } });
        var body = await approve.Content.ReadFromJsonAsync<JsonObject>();
        var detail = await manager.GetFromJsonAsync<JsonObject>($"/api/instances/{instanceId}");

        Assert.That(approve.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity), body?.ToJsonString());
        Assert.That(body!.ToJsonString(), Does.Contain("total"));
        Assert.That(detail!["data"]!["total"]!.GetValue<decimal>(), Is.EqualTo(90_000m));
        Assert.That(await OpenTaskIdAsync(manager, instanceId), Is.EqualTo(taskId));
    }

    private static async Task PublishFlowAsync(IDefinitionService definitions, Action<NodeDefinition> change)
    {
        var flow = OrderDefinitions.Flow();
        change(flow.Nodes.Single(node => node.Id == OrderDefinitions.ManagerNode));
        var draft = await definitions.GetDraftAsync(DefinitionKind.Flow, OrderDefinitions.FlowKey, default);
        await definitions.SaveDraftAsync(
            DefinitionKind.Flow, OrderDefinitions.FlowKey, DefinitionJson.Serialize(flow), draft?.Revision, "owner", default);
        var result = await definitions.PublishAsync(DefinitionKind.Flow, OrderDefinitions.FlowKey, "owner", null, default);
        Assert.That(result.Published, Is.True, string.Join("; ", result.Diagnostics.Select(d => d.Message)));
    }

    internal static async Task<string> StartOrderAsync(HttpClient client, string customer)
    {
        using var response = await client.PostAsJsonAsync("/api/instances", new
        {
            flowKey = OrderDefinitions.FlowKey,
            data = new { customer, region = "east", total = 90_000m },
        });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        var instance = await response.Content.ReadFromJsonAsync<JsonElement>();
        return instance.GetProperty("id").GetString()!;
    }

    internal static async Task<string> OpenTaskIdAsync(HttpClient assignee, string instanceId)
    {
        var tasks = await assignee.GetFromJsonAsync<JsonArray>("/api/tasks");
        return tasks!.Single(task => task!["instanceId"]!.GetValue<string>() == instanceId)!["id"]!.GetValue<string>();
    }
}
