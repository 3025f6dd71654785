using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using WorkflowKit.Designer.Services;
using WorkflowKit.Designer.Tests.Support;

namespace WorkflowKit.Designer.Tests.Api;

/// <summary>
/// Refusals about tasks and instances: a caller who may not read the instance gets the 404 reply of a missing one,
/// naming nobody, and a caller who may read it gets a 403 that names the assignee or initiator.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class HiddenInstanceApiTests
{
    private const string MissingId = "0000000000000000000000000000dead";

    [Test]
    public async Task Unreadable_task_replies_as_missing()
    {
        await using var factory = new DesignerAppFactory();
        using var sales1 = await ApiAccessTests.ClientForAsync(factory, "sales1");
        using var sales2 = await ApiAccessTests.ClientForAsync(factory, "sales2", "en");
        using var manager = await ApiAccessTests.ClientForAsync(factory, "manager");
        await OrderDefinitions.PublishAsync(factory.Services.GetRequiredService<IDefinitionService>(), "owner");
        var instanceId = await TaskActionApiTests.StartOrderAsync(sales1, "协和医院");
        var taskId = await TaskActionApiTests.OpenTaskIdAsync(manager, instanceId);

        var replies = new Dictionary<string, (HttpStatusCode Status, string? Detail)>
        {
            ["open"] = await ReplyAsync(await sales2.GetAsync($"/api/tasks/{taskId}")),
            ["approve"] = await ReplyAsync(await sales2.PostAsJsonAsync(
                $"/api/tasks/{taskId}/actions", new { action = "approve" })),
            ["urge"] = await ReplyAsync(await sales2.PostAsJsonAsync(
                $"/api/tasks/{taskId}/actions", new { action = "urge" })),
        };
        var missing = await ReplyAsync(await sales2.GetAsync($"/api/tasks/{MissingId}"));

        Assert.That(missing, Is.EqualTo((HttpStatusCode.NotFound, $"Task '{MissingId}' does not exist; check the id.")));
        foreach (var (call, reply) in replies)
        {
            Assert.That(reply.Status, Is.EqualTo(HttpStatusCode.NotFound), call);
            Assert.That(reply.Detail, Is.EqualTo(missing.Detail!.Replace(MissingId, taskId, StringComparison.Ordinal)), call);
        }
    }

    [Test]
    public async Task Unreadable_instance_replies_as_missing()
    {
        await using var factory = new DesignerAppFactory();
        using var sales1 = await ApiAccessTests.ClientForAsync(factory, "sales1");
        using var sales2 = await ApiAccessTests.ClientForAsync(factory, "sales2", "en");
        await OrderDefinitions.PublishAsync(factory.Services.GetRequiredService<IDefinitionService>(), "owner");
        var instanceId = await TaskActionApiTests.StartOrderAsync(sales1, "协和医院");

        var read = await ReplyAsync(await sales2.GetAsync($"/api/instances/{instanceId}"));
        var withdraw = await ReplyAsync(await sales2.PostAsync($"/api/instances/{instanceId}/withdraw", null));
        var missing = await ReplyAsync(await sales2.GetAsync($"/api/instances/{MissingId}"));
        var missingWithdraw = await ReplyAsync(await sales2.PostAsync($"/api/instances/{MissingId}/withdraw", null));

        var expected = (HttpStatusCode.NotFound, $"Instance '{instanceId}' does not exist; check the id.");
        Assert.Multiple(() =>
        {
            Assert.That(read, Is.EqualTo(expected));
            Assert.That(withdraw, Is.EqualTo(expected));
            Assert.That(missing, Is.EqualTo((HttpStatusCode.NotFound, $"Instance '{MissingId}' does not exist; check the id.")));
            Assert.That(missingWithdraw, Is.EqualTo(missing));
        });
    }

    [Test]
    public async Task Readable_instance_keeps_names()
    {
        await using var factory = new DesignerAppFactory();
        using var sales1 = await ApiAccessTests.ClientForAsync(factory, "sales1", "en");
        using var manager = await ApiAccessTests.ClientForAsync(factory, "manager");
        await OrderDefinitions.PublishAsync(factory.Services.GetRequiredService<IDefinitionService>(), "owner");
        var instanceId = await TaskActionApiTests.StartOrderAsync(sales1, "协和医院");
        var taskId = await TaskActionApiTests.OpenTaskIdAsync(manager, instanceId);

        // sales1 started the order and manager approves it, so both may read it and learn who the other is.
        var open = await ReplyAsync(await sales1.GetAsync($"/api/tasks/{taskId}"));
        var urge = await ReplyAsync(await manager.PostAsJsonAsync($"/api/tasks/{taskId}/actions", new { action = "urge" }));

        Assert.Multiple(() =>
        {
            Assert.That(open, Is.EqualTo((HttpStatusCode.Forbidden,
                $"Task {taskId} is assigned to manager, not to you; only the assignee may open it and act on it.")));
            Assert.That(urge, Is.EqualTo((HttpStatusCode.Forbidden,
                $"Only the initiator (sales1) may urge instance {instanceId}, not manager.")));
        });
    }

    private static async Task<(HttpStatusCode Status, string? Detail)> ReplyAsync(HttpResponseMessage response)
    {
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync();
            return (response.StatusCode, body.Length == 0 ? null : (string?)JsonNode.Parse(body)?["detail"]);
        }
    }
}
