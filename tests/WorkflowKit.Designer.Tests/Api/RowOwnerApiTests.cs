using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using WorkflowKit.Definitions;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Definitions.Json;
using WorkflowKit.Designer.Services;
using WorkflowKit.Designer.Tests.Support;
using WorkflowKit.Runtime;

namespace WorkflowKit.Designer.Tests.Api;

/// <summary>
/// The order flow with lines owned by the user in their <c>owner</c> column: the manager's task shows and may change
/// only the lines of <c>manager</c>, and the other line belongs to <c>sales2</c>, who has no task unless the node is
/// made a countersign of both.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class RowOwnerApiTests
{
    /// <summary>
    /// The manager's task shows only the manager's line. The instance view of the manager, who takes part through
    /// that task, shows the same line and not sales2's.
    /// </summary>
    [Test]
    public async Task Task_shows_own_rows_only()
    {
        await using var factory = new DesignerAppFactory();
        using var sales1 = await ApiAccessTests.ClientForAsync(factory, "sales1");
        using var manager = await ApiAccessTests.ClientForAsync(factory, "manager");
        await PublishAsync(factory.Services.GetRequiredService<IDefinitionService>());
        var instanceId = await StartAsync(sales1);

        var (_, lines) = await LoadTaskAsync(manager);
        var instance = await manager.GetFromJsonAsync<JsonObject>($"/api/instances/{instanceId}");

        Assert.That(lines.Select(line => line!["owner"]!.GetValue<string>()), Is.EqualTo(new[] { "manager" }));
        Assert.That(LinesOf(instance!).Select(line => line!["owner"]!.GetValue<string>()),
            Is.EqualTo(new[] { "manager" }));
        Assert.That(instance!.ToJsonString(), Does.Not.Contain("IVD-0002"));
    }

    /// <summary>
    /// A client that sends the whole table, with sales2's line changed, gets 422 naming the row and its owner, and
    /// nothing is stored.
    /// </summary>
    [Test]
    public async Task Other_owners_row_edit_is_422()
    {
        await using var factory = new DesignerAppFactory();
        using var sales1 = await ApiAccessTests.ClientForAsync(factory, "sales1");
        using var manager = await ApiAccessTests.ClientForAsync(factory, "manager");
        await PublishAsync(factory.Services.GetRequiredService<IDefinitionService>());
        var instanceId = await StartAsync(sales1);
        var (taskId, _) = await LoadTaskAsync(manager);
        var lines = StartLines();
        lines[0]!["quantity"] = 45;
        lines[1]!["quantity"] = 99;

        using var response = await manager.PostAsJsonAsync(
            $"/api/tasks/{taskId}/actions", new { action = "approve", changes = new JsonObject { ["lines"] = lines } });
        var body = await response.Content.ReadAsStringAsync();
        var stored = await StoredLinesAsync(factory, instanceId);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity), body);
        Assert.That(JsonNode.Parse(body)!["detail"]!.GetValue<string>(), Does.StartWith(
            "子表 “lines” 的第 2 行属于 “sales2”（列 “owner”），不能在 “manager” 的任务中修改；请原样提交或不提交该字段。"));
        Assert.That(JsonNode.Parse(body)!["errors"]!.AsObject().Select(pair => pair.Key), Is.EqualTo(new[] { "lines" }));
        Assert.That(stored[0]!["quantity"]!.GetValue<decimal>(), Is.EqualTo(40m), "nothing stored");
        Assert.That(stored[1]!["quantity"]!.GetValue<decimal>(), Is.EqualTo(12m), "nothing stored");
    }

    /// <summary>The task sends back the one line it showed; the engine keeps sales2's line as stored.</summary>
    [Test]
    public async Task Own_row_change_is_stored()
    {
        await using var factory = new DesignerAppFactory();
        using var sales1 = await ApiAccessTests.ClientForAsync(factory, "sales1");
        using var manager = await ApiAccessTests.ClientForAsync(factory, "manager");
        await PublishAsync(factory.Services.GetRequiredService<IDefinitionService>());
        var instanceId = await StartAsync(sales1);
        var (taskId, lines) = await LoadTaskAsync(manager);
        lines[0]!["quantity"] = 45;

        using var response = await manager.PostAsJsonAsync(
            $"/api/tasks/{taskId}/actions", new { action = "approve", changes = new JsonObject { ["lines"] = lines } });
        var stored = await StoredLinesAsync(factory, instanceId);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), await response.Content.ReadAsStringAsync());
        Assert.That(stored[0]!["quantity"]!.GetValue<decimal>(), Is.EqualTo(45m), "manager's row");
        Assert.That(stored[1]!["quantity"]!.GetValue<decimal>(), Is.EqualTo(12m), "sales2's row");
    }

    /// <summary>
    /// A countersign of manager and sales2: each task shows and sends back only its own line, so the later
    /// submission cannot carry a stale copy of the other line, and both changes are kept without a warning.
    /// </summary>
    [Test]
    public async Task Side_by_side_owners_keep_rows()
    {
        await using var factory = new DesignerAppFactory();
        using var sales1 = await ApiAccessTests.ClientForAsync(factory, "sales1");
        using var sales2 = await ApiAccessTests.ClientForAsync(factory, "sales2");
        using var manager = await ApiAccessTests.ClientForAsync(factory, "manager");
        await PublishAsync(factory.Services.GetRequiredService<IDefinitionService>(), countersignWithSales2: true);
        var instanceId = await StartAsync(sales1);
        var (managerTaskId, managerLines) = await LoadTaskAsync(manager);
        var (sales2TaskId, sales2Lines) = await LoadTaskAsync(sales2);
        sales2Lines[0]!["quantity"] = 15;
        using var sales2Response = await sales2.PostAsJsonAsync(
            $"/api/tasks/{sales2TaskId}/actions",
            new { action = "approve", changes = new JsonObject { ["lines"] = sales2Lines } });
        Assert.That(sales2Response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        managerLines[0]!["quantity"] = 45;

        using var response = await manager.PostAsJsonAsync(
            $"/api/tasks/{managerTaskId}/actions",
            new { action = "approve", changes = new JsonObject { ["lines"] = managerLines } });
        var body = await response.Content.ReadAsStringAsync();
        var stored = await StoredLinesAsync(factory, instanceId);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), body);
        Assert.That(stored[0]!["quantity"]!.GetValue<decimal>(), Is.EqualTo(45m), "manager's row");
        Assert.That(stored[1]!["quantity"]!.GetValue<decimal>(), Is.EqualTo(15m), "sales2's row as submitted");
    }

    private static async Task PublishAsync(IDefinitionService definitions, bool countersignWithSales2 = false)
    {
        var form = OrderDefinitions.Form();
        form.Fields.Add(new FieldDefinition
        {
            Id = "lines",
            Type = FieldTypes.SubTable,
            Label = new LocalizedText("订单行", "Order lines"),
            Fields =
            [
                new FieldDefinition { Id = "product", Type = FieldTypes.Text, Label = new LocalizedText("产品", "Product") },
                new FieldDefinition { Id = "quantity", Type = FieldTypes.Number, Label = new LocalizedText("数量", "Quantity") },
                new FieldDefinition { Id = "owner", Type = FieldTypes.Text, Label = new LocalizedText("负责人", "Owner") },
            ],
        });
        var flow = OrderDefinitions.Flow();
        var managerNode = flow.Nodes.Single(node => node.Id == OrderDefinitions.ManagerNode);
        managerNode.FieldPermissions = new()
        {
            ["lines"] = new FieldPermission { Access = FieldPermission.Editable, RowOwner = "owner" },
        };
        if (countersignWithSales2)
        {
            // One task each for manager and sales2, open side by side, as in the demand confirmation step.
            managerNode.ApprovalMode = ApprovalModes.Countersign;
            managerNode.Assignees =
            [
                new AssigneeRule { Type = AssigneeTypes.User, Value = "manager" },
                new AssigneeRule { Type = AssigneeTypes.User, Value = "sales2" },
            ];
        }

        await definitions.SaveDraftAsync(
            DefinitionKind.Form, OrderDefinitions.FormKey, DefinitionJson.Serialize(form), null, "owner", default);
        await definitions.PublishAsync(DefinitionKind.Form, OrderDefinitions.FormKey, "owner", null, default);
        await definitions.SaveDraftAsync(
            DefinitionKind.Flow, OrderDefinitions.FlowKey, DefinitionJson.Serialize(flow), null, "owner", default);
        var result = await definitions.PublishAsync(DefinitionKind.Flow, OrderDefinitions.FlowKey, "owner", null, default);
        Assert.That(result.Published, Is.True, string.Join("; ", result.Diagnostics.Select(d => d.Message)));
    }

    private static async Task<string> StartAsync(HttpClient client)
    {
        using var response = await client.PostAsJsonAsync("/api/instances", new
        {
            flowKey = OrderDefinitions.FlowKey,
            data = new JsonObject
            {
                ["customer"] = "仁济医院",
                ["region"] = "east",
                ["total"] = 5000m,
                ["lines"] = StartLines(),
            },
        });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        var instance = await response.Content.ReadFromJsonAsync<JsonElement>();
        return instance.GetProperty("id").GetString()!;
    }

    private static async Task<(string TaskId, JsonArray Lines)> LoadTaskAsync(HttpClient client)
    {
        var tasks = await client.GetFromJsonAsync<JsonArray>("/api/tasks");
        var taskId = tasks![0]!["id"]!.GetValue<string>();
        var task = await client.GetFromJsonAsync<JsonObject>($"/api/tasks/{taskId}");
        return (taskId, LinesOf(task!));
    }

    private static JsonArray StartLines() => new(
        new JsonObject { ["product"] = "IVD-0001", ["quantity"] = 40, ["owner"] = "manager" },
        new JsonObject { ["product"] = "IVD-0002", ["quantity"] = 12, ["owner"] = "sales2" });

    /// <summary>The lines as the engine stores them, which no single owner's view shows in full.</summary>
    private static async Task<JsonArray> StoredLinesAsync(DesignerAppFactory factory, string instanceId)
    {
        var engine = factory.Services.GetRequiredService<WorkflowEngine>();
        var detail = await engine.GetInstanceAsync(instanceId, CancellationToken.None);
        return (JsonArray)detail!.Instance.Form["lines"]!.DeepClone();
    }

    // A task view has the form data at instance.data, an instance view at data.
    private static JsonArray LinesOf(JsonObject view)
    {
        var data = view["instance"]?["data"] ?? view["data"];
        return (JsonArray)data!["lines"]!.DeepClone();
    }
}
