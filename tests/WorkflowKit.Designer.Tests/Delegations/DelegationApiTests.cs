using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using WorkflowKit.Designer.Services;
using WorkflowKit.Designer.Tests.Support;

namespace WorkflowKit.Designer.Tests.Delegations;

/// <summary>
/// <c>/api/delegations</c> on a designer at 127.0.0.1: a delegation sends the manager's new and open order approvals
/// to the delegate, who approves them; ending it stops that; invalid requests get problems with an error code.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class DelegationApiTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    private DesignerAppFactory _app = null!;

    [OneTimeSetUp]
    public async Task StartServerAsync()
    {
        _app = new DesignerAppFactory(kestrel: true);
        _app.StartServer();
        await OrderDefinitions.PublishAsync(_app.Services.GetRequiredService<IDefinitionService>(), "owner");
    }

    [OneTimeTearDown]
    public async Task StopServerAsync() => await _app.DisposeAsync();

    [Test]
    public async Task Delegate_approves_manager_tasks()
    {
        using var sales = await LoopbackClients.ForAsync(_app, "sales1");
        using var manager = await LoopbackClients.ForAsync(_app, "manager");
        using var credit = await LoopbackClients.ForAsync(_app, "credit1");
        var before = await StartOrderAsync(sales);

        using var created = await manager.PostAsJsonAsync("/api/delegations", new
        {
            delegateId = "credit1", start = Local(-1), end = Local(48), note = "年假", moveOpenTasks = true,
        });
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());
        var delegation = (await created.Content.ReadFromJsonAsync<JsonObject>())!;
        var during = await StartOrderAsync(sales);

        var inbox = await credit.GetFromJsonAsync<JsonArray>("/api/tasks");
        var moved = inbox!.Single(task => task!["instanceId"]!.GetValue<string>() == before)!;
        var assigned = inbox!.Single(task => task!["instanceId"]!.GetValue<string>() == during)!;
        using var approve = await credit.PostAsJsonAsync($"/api/tasks/{assigned["id"]}/actions", new { action = "approve" });
        var notices = await credit.GetFromJsonAsync<JsonArray>("/api/notifications");

        Assert.That(delegation["status"]!.GetValue<string>(), Is.EqualTo("active"));
        Assert.That(delegation["delegateName"]!.GetValue<string>(), Is.EqualTo("陈静 Chen Jing"));
        Assert.That(delegation["timeZone"]!.GetValue<string>(), Is.EqualTo("Asia/Shanghai"));
        Assert.That(moved["originalAssigneeId"]!.GetValue<string>(), Is.EqualTo("manager"));
        Assert.That(assigned["originalAssigneeId"]!.GetValue<string>(), Is.EqualTo("manager"));
        Assert.That(approve.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), await approve.Content.ReadAsStringAsync());
        Assert.That(notices!.Count(item => item!["kind"]!.GetValue<string>() == "delegated"), Is.EqualTo(2));
        Assert.That(notices!.Select(item => item!["message"]!["en"]!.GetValue<string>()),
            Has.Member("Manager approval: on behalf of 王芳 Wang Fang"));

        using var ended = await manager.PostAsync($"/api/delegations/{delegation["id"]}/end", null);
        using var endedAgain = await manager.PostAsync($"/api/delegations/{delegation["id"]}/end", null);
        var after = await StartOrderAsync(sales);
        var managerInbox = await manager.GetFromJsonAsync<JsonArray>("/api/tasks");

        Assert.That(ended.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await ended.Content.ReadFromJsonAsync<JsonObject>())!["status"]!.GetValue<string>(), Is.EqualTo("ended"));
        Assert.That(endedAgain.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(managerInbox!.Select(task => task!["instanceId"]!.GetValue<string>()), Has.Member(after));
    }

    [Test]
    public async Task Invalid_requests_get_problems()
    {
        using var finance = await LoopbackClients.ForAsync(_app, "finance1");
        using var warehouse = await LoopbackClients.ForAsync(_app, "warehouse1");
        using var admin = await LoopbackClients.ForAsync(_app, "admin");

        var self = await ProblemAsync(finance, new { delegateId = "finance1", start = Local(1), end = Local(5) });
        var unknown = await ProblemAsync(finance, new { delegateId = "nobody", start = Local(1), end = Local(5) });
        var backwards = await ProblemAsync(finance, new { delegateId = "sales2", start = Local(5), end = Local(1) });
        var forOther = await ProblemAsync(finance, new { userId = "warehouse1", delegateId = "sales2", start = Local(1), end = Local(5) });
        using var first = await admin.PostAsJsonAsync("/api/delegations", new
        {
            userId = "finance1", delegateId = "sales2", start = Local(10), end = Local(20),
        });
        var overlap = await ProblemAsync(finance, new { delegateId = "owner", start = Local(15), end = Local(30) });
        var id = (await first.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        using var othersEnd = await warehouse.PostAsync($"/api/delegations/{id}/end", null);
        using var othersList = await warehouse.GetAsync("/api/delegations?all=true");
        var all = await admin.GetFromJsonAsync<JsonArray>("/api/delegations?all=true");
        var own = await finance.GetFromJsonAsync<JsonArray>("/api/delegations");

        Assert.That(self, Is.EqualTo((HttpStatusCode.BadRequest, "DelegatesToSelf", "delegateId")));
        Assert.That(unknown, Is.EqualTo((HttpStatusCode.BadRequest, "DelegateNotFound", "delegateId")));
        Assert.That(backwards, Is.EqualTo((HttpStatusCode.BadRequest, "EndNotAfterStart", "end")));
        Assert.That(forOther, Is.EqualTo((HttpStatusCode.Forbidden, "NotPermitted", "userId")));
        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(overlap, Is.EqualTo((HttpStatusCode.Conflict, "Overlaps", "start")));
        Assert.That(othersEnd.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(othersList.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(all!.Select(item => item!["id"]!.GetValue<string>()), Has.Member(id));
        Assert.That(own!.Single()!["status"]!.GetValue<string>(), Is.EqualTo("scheduled"));
    }

    [Test]
    public async Task Unknown_flow_key_is_400()
    {
        using var credit = await LoopbackClients.ForAsync(_app, "credit1", "en");

        using var response = await credit.PostAsJsonAsync("/api/delegations", new
        {
            delegateId = "sales2", start = Local(100), end = Local(110), flowKeys = new[] { OrderDefinitions.FlowKey, "nosuch" },
        });
        var own = await credit.GetFromJsonAsync<JsonArray>("/api/delegations");

        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((string?)problem!["error"], Is.EqualTo("FlowNotFound"));
        Assert.That((string?)problem["field"], Is.EqualTo("flowKeys"));
        Assert.That((string?)problem["detail"], Is.EqualTo(
            "Flow \"nosuch\" in flowKeys has no published version; check the key, or remove it to delegate every flow."));
        Assert.That(own, Is.Empty);
    }

    [TestCase("+05:00")]
    [TestCase("Z")]
    public async Task Time_with_offset_is_400(string offset)
    {
        using var owner = await LoopbackClients.ForAsync(_app, "owner");

        using var response = await owner.PostAsJsonAsync("/api/delegations", new
        {
            delegateId = "sales2", start = Local(200) + offset, end = Local(210),
        });
        var own = await owner.GetFromJsonAsync<JsonArray>("/api/delegations");

        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((string?)problem!["error"], Is.EqualTo("TimeHasOffset"));
        Assert.That((string?)problem["field"], Is.EqualTo("start"));
        Assert.That((string?)problem["detail"], Is.EqualTo(
            "start has a UTC offset or Z; send the time in Asia/Shanghai without an offset, such as 2025-03-03T09:00."));
        Assert.That(own, Is.Empty);
    }

    private static async Task<(HttpStatusCode Status, string Error, string Field)> ProblemAsync(HttpClient client, object body)
    {
        using var response = await client.PostAsJsonAsync("/api/delegations", body);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        return (response.StatusCode, problem!["error"]!.GetValue<string>(), problem["field"]!.GetValue<string>());
    }

    private static async Task<string> StartOrderAsync(HttpClient sales)
    {
        using var started = await sales.PostAsJsonAsync("/api/instances", new
        {
            flowKey = OrderDefinitions.FlowKey,
            data = new { customer = "协和医院", region = "east", total = 1000 },
        });
        Assert.That(started.StatusCode, Is.EqualTo(HttpStatusCode.Created), await started.Content.ReadAsStringAsync());
        return (await started.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
    }

    // Wall-clock time in the tenant zone, hours from now, as the portal's date-time input sends it.
    private static string Local(int hours) =>
        TimeZoneInfo.ConvertTime(TimeProvider.System.GetUtcNow().AddHours(hours), Shanghai)
            .ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);
}
