using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using WorkflowKit.Designer.Accounts;
using WorkflowKit.Designer.Services;
using WorkflowKit.Designer.Tests.Support;

namespace WorkflowKit.Designer.Tests.Api;

/// <summary>
/// <c>/api/incidents</c> on a server on 127.0.0.1: an order whose approval rule matched nobody is listed, and after the
/// organisation data is fixed a retry gives the approver a task.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class IncidentApiTests
{
    [Test]
    public async Task List_shows_stuck_order()
    {
        await using var factory = new DesignerAppFactory(kestrel: true);
        using var owner = await LoopbackClients.ForAsync(factory, "owner");
        var instance = await StartStuckAsync(factory);

        var incidents = await owner.GetFromJsonAsync<JsonArray>("/api/incidents");

        var incident = incidents!.Single()!;
        Assert.That((string?)incident["instanceId"], Is.EqualTo(instance.Id));
        Assert.That((string?)incident["instanceTitle"], Is.EqualTo("北京协和医院"));
        Assert.That((string?)incident["flowKey"], Is.EqualTo(OrderDefinitions.FlowKey));
        Assert.That((string?)incident["nodeId"], Is.EqualTo(OrderDefinitions.ManagerNode));
        Assert.That((string?)incident["nodeName"]?["en"], Is.EqualTo("Manager approval"));
        Assert.That((string?)incident["kind"], Is.EqualTo("assignee"));
        Assert.That((string?)incident["message"], Is.EqualTo(StuckOrders.Message));
        Assert.That(incident["resolvedAt"], Is.Null);
    }

    [Test]
    public async Task Stuck_instance_needs_attention()
    {
        await using var factory = new DesignerAppFactory(kestrel: true);
        using var sales1 = await LoopbackClients.ForAsync(factory, "sales1");
        var instance = await StartStuckAsync(factory);

        var detail = await sales1.GetFromJsonAsync<JsonObject>($"/api/instances/{instance.Id}");
        var list = await sales1.GetFromJsonAsync<JsonArray>("/api/instances");

        Assert.That((bool?)detail!["summary"]?["needsAttention"], Is.True);
        Assert.That((string?)detail["incidents"]?[0]?["message"], Is.EqualTo(StuckOrders.Message));
        Assert.That((bool?)list!.Single(item => (string?)item!["id"] == instance.Id)!["needsAttention"], Is.True);
    }

    [Test]
    public async Task List_filters_by_instance()
    {
        await using var factory = new DesignerAppFactory(kestrel: true);
        using var owner = await LoopbackClients.ForAsync(factory, "owner");
        var first = await StartStuckAsync(factory);
        var second = await StuckOrders.StartNorthOrderAsync(Work(factory), Accounts(factory));

        var incidents = await owner.GetFromJsonAsync<JsonArray>($"/api/incidents?instanceId={second.Id}");

        Assert.That(incidents!.Select(incident => (string?)incident!["instanceId"]), Is.EqualTo(new[] { second.Id }));
        Assert.That(first.Id, Is.Not.EqualTo(second.Id));
    }

    [Test]
    public async Task List_of_unknown_instance_is_404()
    {
        await using var factory = new DesignerAppFactory(kestrel: true);
        using var owner = await LoopbackClients.ForAsync(factory, "owner", "en");

        using var response = await owner.GetAsync("/api/incidents?instanceId=no-such-instance");

        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((string?)problem!["detail"], Is.EqualTo("Instance 'no-such-instance' does not exist; check the id."));
    }

    [Test]
    public async Task Sales_user_is_forbidden()
    {
        await using var factory = new DesignerAppFactory(kestrel: true);
        using var sales1 = await LoopbackClients.ForAsync(factory, "sales1", "en");
        await StartStuckAsync(factory);
        var incidentId = await SingleOpenIncidentAsync(factory);

        using var list = await sales1.GetAsync("/api/incidents");
        using var retry = await sales1.PostAsync($"/api/incidents/{incidentId}/retry", null);

        Assert.That(list.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That((string?)(await list.Content.ReadFromJsonAsync<JsonObject>())!["detail"], Is.EqualTo(
            "This account may not use GET /api/incidents, because the incident endpoints need the process owner or " +
            "administrator role, " +
            "which the account does not have. Ask an administrator to give the account the role, or use an account " +
            "that has it."));
        Assert.That(retry.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(await SingleOpenIncidentAsync(factory), Is.EqualTo(incidentId));
    }

    [Test]
    public async Task Retry_after_fix_assigns_task()
    {
        await using var factory = new DesignerAppFactory(kestrel: true);
        using var owner = await LoopbackClients.ForAsync(factory, "owner");
        using var finance1 = await LoopbackClients.ForAsync(factory, "finance1");
        var instance = await StartStuckAsync(factory);
        var incidentId = await SingleOpenIncidentAsync(factory);
        await StuckOrders.MoveFinanceNorthAsync(Accounts(factory));

        using var response = await owner.PostAsync($"/api/incidents/{incidentId}/retry", null);

        var result = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), result?.ToJsonString());
        Assert.That((string?)result!["incidentId"], Is.EqualTo(incidentId));
        Assert.That(result["raisedIncidents"]!.AsArray(), Is.Empty);
        Assert.That((string?)result["openTasks"]?[0]?["assigneeId"], Is.EqualTo("finance1"));
        Assert.That((bool?)result["instance"]?["needsAttention"], Is.False);
        var inbox = await finance1.GetFromJsonAsync<JsonArray>("/api/tasks");
        Assert.That(inbox!.Select(task => (string?)task!["instanceId"]), Does.Contain(instance.Id));
        var open = await owner.GetFromJsonAsync<JsonArray>("/api/incidents");
        Assert.That(open, Is.Empty);
        var all = await owner.GetFromJsonAsync<JsonArray>("/api/incidents?open=false");
        Assert.That((string?)all!.Single()!["resolvedBy"], Is.EqualTo("owner"));
    }

    [Test]
    public async Task Withdrawal_resolves_listed_incident()
    {
        await using var factory = new DesignerAppFactory(kestrel: true);
        using var owner = await LoopbackClients.ForAsync(factory, "owner");
        using var sales1 = await LoopbackClients.ForAsync(factory, "sales1");
        var instance = await StartStuckAsync(factory);

        using var withdrawn = await sales1.PostAsync($"/api/instances/{instance.Id}/withdraw", null);

        var open = await owner.GetFromJsonAsync<JsonArray>("/api/incidents");
        var all = await owner.GetFromJsonAsync<JsonArray>($"/api/incidents?open=false&instanceId={instance.Id}");
        var detail = await sales1.GetFromJsonAsync<JsonObject>($"/api/instances/{instance.Id}");
        var resolved = all!.Single()!;
        Assert.That(withdrawn.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(open, Is.Empty);
        Assert.That((string?)resolved["resolvedBy"], Is.EqualTo("sales1"));
        Assert.That((string?)resolved["resolution"], Is.EqualTo("withdrawn"));
        Assert.That(resolved["resolvedAt"], Is.Not.Null);
        Assert.That((bool?)detail!["summary"]?["needsAttention"], Is.False);
        Assert.That(detail["incidents"]!.AsArray(), Is.Empty);
    }

    [Test]
    public async Task Retry_of_resolved_incident_is_409()
    {
        await using var factory = new DesignerAppFactory(kestrel: true);
        using var owner = await LoopbackClients.ForAsync(factory, "owner");
        await StartStuckAsync(factory);
        var incidentId = await SingleOpenIncidentAsync(factory);
        await StuckOrders.MoveFinanceNorthAsync(Accounts(factory));
        using var first = await owner.PostAsync($"/api/incidents/{incidentId}/retry", null);

        using var second = await owner.PostAsync($"/api/incidents/{incidentId}/retry", null);

        var problem = await second.Content.ReadFromJsonAsync<JsonObject>();
        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That((string?)problem!["code"], Is.EqualTo("incident-resolved"));
        Assert.That((string?)problem["detail"], Is.EqualTo(
            $"异常事件 {incidentId} 已经处理；请刷新流程实例查看它的当前状态。"));
    }

    [Test]
    public async Task Retry_of_unknown_incident_is_404()
    {
        await using var factory = new DesignerAppFactory(kestrel: true);
        using var owner = await LoopbackClients.ForAsync(factory, "owner");

        using var response = await owner.PostAsync("/api/incidents/no-such-incident/retry", null);

        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((string?)problem!["code"], Is.EqualTo("incident-not-found"));
        Assert.That((string?)problem["detail"], Is.EqualTo("异常事件“no-such-incident”不存在；请检查异常事件 ID。"));
    }

    [Test]
    public async Task Retry_without_fix_returns_new_incident()
    {
        await using var factory = new DesignerAppFactory(kestrel: true);
        using var owner = await LoopbackClients.ForAsync(factory, "owner");
        await StartStuckAsync(factory);
        var incidentId = await SingleOpenIncidentAsync(factory);

        using var response = await owner.PostAsync($"/api/incidents/{incidentId}/retry", null);

        var result = await response.Content.ReadFromJsonAsync<JsonObject>();
        var raised = result!["raisedIncidents"]!.AsArray();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(raised, Has.Count.EqualTo(1));
        Assert.That((string?)raised[0]!["id"], Is.Not.EqualTo(incidentId));
        Assert.That((string?)raised[0]!["message"], Is.EqualTo(StuckOrders.Message));
        Assert.That((bool?)result["instance"]?["needsAttention"], Is.True);
    }

    private static IWorkService Work(DesignerAppFactory factory) => factory.Services.GetRequiredService<IWorkService>();

    private static AccountStore Accounts(DesignerAppFactory factory) => factory.Services.GetRequiredService<AccountStore>();

    private static async Task<InstanceSummary> StartStuckAsync(DesignerAppFactory factory)
    {
        factory.StartServer();
        await StuckOrders.PublishAsync(factory.Services.GetRequiredService<IDefinitionService>());
        return await StuckOrders.StartNorthOrderAsync(Work(factory), Accounts(factory));
    }

    private static async Task<string> SingleOpenIncidentAsync(DesignerAppFactory factory)
    {
        var owner = await StuckOrders.SignInAsync(Accounts(factory), "owner");
        var incidents = await factory.Services.GetRequiredService<IIncidentService>()
            .ListAsync(null, openOnly: true, owner, default);
        Assert.That(incidents, Has.Count.EqualTo(1));
        return incidents[0].Id;
    }
}
