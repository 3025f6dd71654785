using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using WorkflowKit.Designer.Tests.Support;
using WorkflowKit.Runtime;
using WorkflowKit.Runtime.Instances;
using WorkflowKit.Runtime.Tasks;

namespace WorkflowKit.Designer.Tests.Api;

/// <summary>
/// A person copied on a demand confirmation task of the built-in replenishment flow reads the instance through the
/// REST API with the rows of the task that copied them, as the sales assignee does.
/// </summary>
[TestFixture]
public sealed class DemandCopyApiTests
{
    private DesignerAppFactory _app = default!;

    [OneTimeSetUp]
    public void StartApp() => _app = new DesignerAppFactory(templates: DesignerAppFactory.RepositoryTemplates());

    [OneTimeTearDown]
    public async Task StopAppAsync() => await _app.DisposeAsync();

    /// <summary>
    /// sales1 owns the rows of C0003 and C0007 and copies manager on its task. The manager's instance detail contains
    /// those two rows, and sales2's customer C0002 appears nowhere in it, the audit trail included.
    /// </summary>
    [Test]
    public async Task Copy_from_task_shows_copier_rows()
    {
        var (instanceId, tasks) = await StartAsync();
        using var sales1 = await ApiAccessTests.ClientForAsync(_app, "sales1");
        using var manager = await ApiAccessTests.ClientForAsync(_app, "manager");

        using var copy = await sales1.PostAsJsonAsync(
            $"/api/tasks/{tasks["sales1"]}/actions", new { action = "cc", targetUserId = "manager" });
        var detail = await manager.GetFromJsonAsync<JsonObject>($"/api/instances/{instanceId}");

        Assert.That(copy.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), await copy.Content.ReadAsStringAsync());
        var rows = detail!["data"]!["confirmations"]!.AsArray();
        Assert.That(rows.Select(row => row!["customer"]!.GetValue<string>()), Is.EqualTo(new[] { "C0003", "C0007" }));
        Assert.That(detail.ToJsonString(), Does.Not.Contain("C0002"));
    }

    /// <summary>The sales assignee reads the same rows through the same endpoint, which the copy has to match.</summary>
    [Test]
    public async Task Assignee_detail_shows_own_rows()
    {
        var (instanceId, _) = await StartAsync();
        using var sales2 = await ApiAccessTests.ClientForAsync(_app, "sales2");

        var detail = await sales2.GetFromJsonAsync<JsonObject>($"/api/instances/{instanceId}");

        var rows = detail!["data"]!["confirmations"]!.AsArray();
        Assert.That(rows.Select(row => row!["customer"]!.GetValue<string>()), Is.EqualTo(new[] { "C0002" }));
    }

    /// <summary>The flow's initiator sees every row.</summary>
    [Test]
    public async Task Initiator_detail_shows_all_rows()
    {
        var (instanceId, _) = await StartAsync();
        using var owner = await ApiAccessTests.ClientForAsync(_app, "owner");

        var detail = await owner.GetFromJsonAsync<JsonObject>($"/api/instances/{instanceId}");

        Assert.That(detail!["data"]!["confirmations"]!.AsArray(), Has.Count.EqualTo(3));
    }

    private async Task<(string InstanceId, Dictionary<string, string> Tasks)> StartAsync()
    {
        var engine = _app.Services.GetRequiredService<WorkflowEngine>();
        var instance = await engine.StartAsync(
            new StartInstanceRequest("replenishment", "owner") { Form = ReplenishmentForm() }, CancellationToken.None);
        var tasks = await engine.QueryTasksAsync(
            new TaskQuery { InstanceId = instance.Id, NodeId = "confirmDemand" }, CancellationToken.None);
        return (instance.Id, tasks.ToDictionary(task => task.Assignee, task => task.Id, StringComparer.Ordinal));
    }

    private static JsonObject ReplenishmentForm() => new()
    {
        ["product"] = "IVD-0001",
        ["productName"] = "Troponin I reagent kit",
        ["asOf"] = "2026-12-01",
        ["leadTimeDays"] = 31,
        ["forecastDemand"] = 300,
        ["usableStock"] = 100,
        ["unusableStock"] = 0,
        ["coveredByStock"] = 100,
        ["incomingQuantity"] = 0,
        ["shortfall"] = 200,
        ["suggestedQuantity"] = 491,
        ["confirmations"] = new JsonArray(
            Row("sales1", "C0003", 120m),
            Row("sales2", "C0002", 210m),
            Row("sales1", "C0007", 80m)),
    };

    private static JsonObject Row(string owner, string customer, decimal quantity) => new()
    {
        ["salesOwner"] = owner,
        ["region"] = "east",
        ["customer"] = customer,
        ["customerName"] = customer + " hospital",
        ["recentQuantity"] = quantity,
        ["forecastQuantity"] = quantity,
        ["confirmedQuantity"] = quantity,
    };
}
