using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Definitions.Json;
using WorkflowKit.Designer.Accounts;
using WorkflowKit.Designer.Services;
using WorkflowKit.Designer.Tests.Support;

namespace WorkflowKit.Designer.Tests.Api;

/// <summary>
/// Task actions that the engine rejects reach a client of the designer on 127.0.0.1 as 400 with the engine's
/// message: added signers and transfers to someone who already takes part, an action the node does not offer,
/// and a return to a node that is not earlier in the branch.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class TaskActionErrorApiTests
{
    private const string CountersignFlow = "order-countersign";

    private const string ApproveOnlyFlow = "order-approve-only";

    private DesignerAppFactory _app = null!;

    [OneTimeSetUp]
    public async Task StartServerAsync()
    {
        _app = new DesignerAppFactory(kestrel: true);
        _app.StartServer();
        var definitions = _app.Services.GetRequiredService<IDefinitionService>();
        await OrderDefinitions.PublishAsync(definitions, "owner");
        await PublishVariantAsync(definitions, CountersignFlow, node =>
        {
            node.ApprovalMode = ApprovalModes.Countersign;
            node.Assignees =
            [
                new AssigneeRule { Type = AssigneeTypes.User, Value = "manager" },
                new AssigneeRule { Type = AssigneeTypes.User, Value = "finance1" },
            ];
        });
        await PublishVariantAsync(definitions, ApproveOnlyFlow, node => node.Actions = ["approve"]);
    }

    [OneTimeTearDown]
    public async Task StopServerAsync() => await _app.DisposeAsync();

    [Test]
    public async Task Add_self_as_signer_is_400()
    {
        using var sales = await ClientAsync("sales1", "en");
        using var manager = await ClientAsync("manager", "en");
        var taskId = await OpenTaskIdAsync(manager, await StartAsync(sales, OrderDefinitions.FlowKey));

        var (status, detail) = await ActAsync(manager, taskId, new { action = "addSignerBefore", targetUserId = "manager" });

        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest), detail);
        Assert.That(detail, Is.EqualTo(
            $"Cannot add manager as a signer on task {taskId} at node '{OrderDefinitions.ManagerNode}': manager is " +
            "the task's assignee. Set targetUserId to another person."));
    }

    [Test]
    public async Task Add_open_task_holder_as_signer_is_400()
    {
        using var sales = await ClientAsync("sales1", "en");
        using var manager = await ClientAsync("manager", "en");
        using var finance = await ClientAsync("finance1", "en");
        var instanceId = await StartAsync(sales, CountersignFlow);
        var taskId = await OpenTaskIdAsync(manager, instanceId);
        var financeTaskId = await OpenTaskIdAsync(finance, instanceId);

        var (status, detail) = await ActAsync(manager, taskId, new { action = "addSignerAfter", targetUserId = "finance1" });

        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest), detail);
        Assert.That(detail, Is.EqualTo(
            $"Cannot add finance1 as a signer on task {taskId} at node '{OrderDefinitions.ManagerNode}': finance1 " +
            $"already has open task {financeTaskId} at this node. Set targetUserId to someone who takes no part in " +
            "this node yet."));
    }

    [Test]
    public async Task Add_queued_signer_again_is_400()
    {
        using var sales = await ClientAsync("sales1");
        using var manager = await ClientAsync("manager");
        using var finance = await ClientAsync("finance1");
        var instanceId = await StartAsync(sales, CountersignFlow);
        var (queued, queuedDetail) = await ActAsync(
            manager, await OpenTaskIdAsync(manager, instanceId), new { action = "addSignerAfter", targetUserId = "credit1" });
        Assert.That(queued, Is.EqualTo(HttpStatusCode.NoContent), queuedDetail);
        var financeTaskId = await OpenTaskIdAsync(finance, instanceId);

        var (status, detail) = await ActAsync(
            finance, financeTaskId, new { action = "addSigner", signerPosition = "before", targetUserId = "credit1" });

        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest), detail);
        Assert.That(detail, Does.Contain(
            "credit1 is already queued as a signer added after an approver at this node."));

        // The history line of the accepted request names the queued signer.
        var instance = await manager.GetFromJsonAsync<JsonObject>($"/api/instances/{instanceId}");
        var added = instance!["audit"]!.AsArray().Single(entry => entry!["action"]!.GetValue<string>() == "addSignerAfter");
        Assert.That(added!["targetName"]?.GetValue<string>(), Is.EqualTo("陈静 Chen Jing"));
    }

    [Test]
    public async Task Unknown_signer_position_is_400()
    {
        using var sales = await ClientAsync("sales1", "en");
        using var manager = await ClientAsync("manager", "en");
        var taskId = await OpenTaskIdAsync(manager, await StartAsync(sales, OrderDefinitions.FlowKey));

        var (status, detail) = await ActAsync(
            manager, taskId, new { action = "addSigner", signerPosition = "middle", targetUserId = "credit1" });

        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest), detail);
        Assert.That(detail, Is.EqualTo(
            $"Cannot add a signer on task {taskId} at node '{OrderDefinitions.ManagerNode}': signerPosition is " +
            "\"middle\", expected \"before\" or \"after\". Set signerPosition to one of them."));
    }

    [Test]
    public async Task Contradicting_signer_position_is_400()
    {
        using var sales = await ClientAsync("sales1", "en");
        using var manager = await ClientAsync("manager", "en");
        var taskId = await OpenTaskIdAsync(manager, await StartAsync(sales, OrderDefinitions.FlowKey));

        var (status, detail) = await ActAsync(
            manager, taskId, new { action = "addSignerBefore", signerPosition = "after", targetUserId = "credit1" });

        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest), detail);
        Assert.That(detail, Is.EqualTo(
            $"Action \"addSignerBefore\" on task {taskId} contradicts signerPosition \"after\". Leave signerPosition " +
            "out, or send action \"addSigner\" with the position you want."));
    }

    [Test]
    public async Task Transfer_to_self_is_400()
    {
        using var sales = await ClientAsync("sales1", "en");
        using var manager = await ClientAsync("manager", "en");
        var taskId = await OpenTaskIdAsync(manager, await StartAsync(sales, OrderDefinitions.FlowKey));

        var (status, detail) = await ActAsync(manager, taskId, new { action = "transfer", targetUserId = "manager" });

        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest), detail);
        Assert.That(detail, Is.EqualTo(
            $"Cannot transfer task {taskId} at node '{OrderDefinitions.ManagerNode}' to manager: it is already " +
            "assigned to manager. Set targetUserId to the person who should take it over."));
    }

    [Test]
    public async Task Transfer_to_open_task_holder_is_400()
    {
        using var sales = await ClientAsync("sales1", "en");
        using var manager = await ClientAsync("manager", "en");
        using var finance = await ClientAsync("finance1", "en");
        var instanceId = await StartAsync(sales, CountersignFlow);
        var taskId = await OpenTaskIdAsync(manager, instanceId);
        var financeTaskId = await OpenTaskIdAsync(finance, instanceId);

        var (status, detail) = await ActAsync(manager, taskId, new { action = "transfer", targetUserId = "finance1" });

        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest), detail);
        Assert.That(detail, Is.EqualTo(
            $"Cannot transfer task {taskId} at node '{OrderDefinitions.ManagerNode}' to finance1: finance1 already " +
            $"has open task {financeTaskId} at this node. Set targetUserId to someone who takes no part in this node " +
            "yet."));
    }

    [Test]
    public async Task Action_not_offered_is_400()
    {
        using var sales = await ClientAsync("sales1", "en");
        using var manager = await ClientAsync("manager", "en");
        var taskId = await OpenTaskIdAsync(manager, await StartAsync(sales, ApproveOnlyFlow));

        var (status, detail) = await ActAsync(manager, taskId, new { action = "reject" });

        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest), detail);
        Assert.That(detail, Is.EqualTo(
            $"Action \"reject\" is not offered at node '{OrderDefinitions.ManagerNode}'; offered: approve, comment."));
    }

    [Test]
    public async Task Unknown_action_is_400_without_parameter_name()
    {
        using var sales = await ClientAsync("sales1");
        using var manager = await ClientAsync("manager");
        var taskId = await OpenTaskIdAsync(manager, await StartAsync(sales, OrderDefinitions.FlowKey));

        var (status, detail) = await ActAsync(manager, taskId, new { action = "sign" });

        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest), detail);
        Assert.That(detail, Is.EqualTo(
            $"Unknown task action \"sign\" on task {taskId}; set action to one of approve, reject, submit, return, " +
            "transfer, addSigner, addSignerBefore, addSignerAfter, comment, cc, resubmit, withdraw, urge."));
    }

    /// <summary>
    /// Every name that the unknown-action error lists gets past the name check: on a task that does not exist it is
    /// 404, not the 400 of an unknown name, so the list and the dispatcher agree.
    /// </summary>
    [TestCaseSource(typeof(TaskActions), nameof(TaskActions.Accepted))]
    public async Task Listed_action_is_dispatched(string action)
    {
        using var manager = await ClientAsync("warehouse1", "en");

        var (status, detail) = await ActAsync(manager, "no-such-task", new { action, targetUserId = "credit1" });

        Assert.That(status, Is.EqualTo(HttpStatusCode.NotFound), detail);
        Assert.That(detail, Is.EqualTo("Task 'no-such-task' does not exist; check the id."));
    }

    [TestCase("approve")]
    [TestCase("urge")]
    public async Task Unknown_task_is_404(string action)
    {
        using var manager = await ClientAsync("warehouse1", "en");

        var (status, detail) = await ActAsync(manager, "no-such-task", new { action });

        Assert.That(status, Is.EqualTo(HttpStatusCode.NotFound), detail);
        Assert.That(detail, Is.EqualTo("Task 'no-such-task' does not exist; check the id."));
    }

    [Test]
    public async Task Return_to_later_node_is_400()
    {
        using var sales = await ClientAsync("sales1");
        using var manager = await ClientAsync("manager");
        var taskId = await OpenTaskIdAsync(manager, await StartAsync(sales, OrderDefinitions.FlowKey));

        var (status, detail) = await ActAsync(manager, taskId, new { action = "return", targetNodeId = "end" });

        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest), detail);
        Assert.That(detail, Is.EqualTo(
            $"Cannot return task {taskId} to node 'end': it is not an earlier human node of this branch. " +
            "Earlier nodes: none. To return to the initiator, set targetNodeId to \":initiator\"."));
    }

    [Test]
    public async Task Return_to_initiator_then_resubmit()
    {
        using var sales = await ClientAsync("sales1");
        using var manager = await ClientAsync("manager");
        var instanceId = await StartAsync(sales, OrderDefinitions.FlowKey);
        var taskId = await OpenTaskIdAsync(manager, instanceId);
        var view = await manager.GetFromJsonAsync<JsonObject>($"/api/tasks/{taskId}");

        var returned = await ActAsync(
            manager, taskId, new { action = "return", targetNodeId = ":initiator", comment = "请核对金额" });
        var resubmissionId = await OpenTaskIdAsync(sales, instanceId);
        var resubmission = await sales.GetFromJsonAsync<JsonObject>($"/api/tasks/{resubmissionId}");
        var invalid = await ActAsync(sales, resubmissionId, new { action = "resubmit", changes = new { total = -1 } });
        var resubmitted = await ActAsync(sales, resubmissionId, new { action = "resubmit", changes = new { total = 95_000m } });

        Assert.That(view!["returnTargets"]!.AsArray().Select(target => target!["nodeId"]!.GetValue<string>()),
            Is.EqualTo(new[] { "start" }));
        Assert.That(view["actions"]!.AsArray().Select(action => action!.GetValue<string>()), Does.Contain("return"));
        Assert.That(returned.Status, Is.EqualTo(HttpStatusCode.NoContent), returned.Detail);
        Assert.That(resubmission!["task"]!["returnNote"]!["comment"]!.GetValue<string>(), Is.EqualTo("请核对金额"));
        Assert.That(resubmission["actions"]!.AsArray().Select(action => action!.GetValue<string>()),
            Is.EqualTo(new[] { "resubmit", "withdraw", "comment" }));
        Assert.That(invalid.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity), invalid.Detail);
        Assert.That(JsonNode.Parse(invalid.Detail)?["errors"]?["total"], Is.Not.Null, invalid.Detail);
        Assert.That(resubmitted.Status, Is.EqualTo(HttpStatusCode.NoContent), resubmitted.Detail);
        Assert.That(await OpenTaskIdAsync(manager, instanceId), Is.Not.EqualTo(taskId));
    }

    private async Task<HttpClient> ClientAsync(string userId, string? culture = null)
    {
        if (culture is not null)
        {
            await _app.Services.GetRequiredService<AccountStore>().SetCultureAsync(userId, culture, default);
        }

        var client = new HttpClient { BaseAddress = _app.RootUri };
        var key = await _app.Services.GetRequiredService<AccountStore>().CreateApiKeyAsync(userId, "test", default);
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    private static async Task PublishVariantAsync(IDefinitionService definitions, string key, Action<NodeDefinition> change)
    {
        var flow = OrderDefinitions.Flow();
        flow.Key = key;
        change(flow.Nodes.Single(node => node.Id == OrderDefinitions.ManagerNode));
        await definitions.SaveDraftAsync(DefinitionKind.Flow, key, DefinitionJson.Serialize(flow), null, "owner", default);
        var result = await definitions.PublishAsync(DefinitionKind.Flow, key, "owner", null, default);
        Assert.That(result.Published, Is.True, string.Join("; ", result.Diagnostics.Select(d => d.Message)));
    }

    private static async Task<string> StartAsync(HttpClient client, string flowKey)
    {
        using var response = await client.PostAsJsonAsync("/api/instances", new
        {
            flowKey,
            data = new { customer = "协和医院", region = "east", total = 90_000m },
        });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        var instance = await response.Content.ReadFromJsonAsync<JsonElement>();
        return instance.GetProperty("id").GetString()!;
    }

    private static async Task<string> OpenTaskIdAsync(HttpClient assignee, string instanceId)
    {
        var tasks = await assignee.GetFromJsonAsync<JsonArray>("/api/tasks");
        return tasks!.Single(task => task!["instanceId"]!.GetValue<string>() == instanceId)!["id"]!.GetValue<string>();
    }

    /// <summary>Posts the action and returns the status with the problem's detail, or the raw body without one.</summary>
    private static async Task<(HttpStatusCode Status, string Detail)> ActAsync(HttpClient client, string taskId, object body)
    {
        using var response = await client.PostAsJsonAsync($"/api/tasks/{taskId}/actions", body);
        var text = await response.Content.ReadAsStringAsync();
        var isProblem = response.Content.Headers.ContentType?.MediaType == "application/problem+json";
        var detail = isProblem && JsonNode.Parse(text)?["detail"] is { } value ? value.GetValue<string>() : text;
        return (response.StatusCode, detail);
    }
}
