using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Definitions.Json;
using WorkflowKit.Designer.Services;
using WorkflowKit.Designer.Tests.Support;
using WorkflowKit.Runtime;

namespace WorkflowKit.Designer.Tests.Api;

/// <summary>
/// Where a running instance waits, through <c>GET /api/instances/{id}</c> of a server on 127.0.0.1: a timer node with
/// the time it fires in the tenant time zone, a parallel join waiting for a branch, and a sub-flow node waiting for
/// its child, each in <c>currentNodes</c> and <c>waits</c>.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class InstanceWaitApiTests
{
    // The manager's approval on one branch, a script on the other, both into a join.
    private const string JoinFlow = """
        {
          "formatVersion": 1, "kind": "flow", "key": "two-branches", "name": { "zh-CN": "双分支", "en": "Two branches" },
          "form": "sales-order",
          "nodes": [
            { "id": "start", "type": "start", "position": { "x": 40, "y": 160 } },
            { "id": "split", "type": "parallelSplit", "position": { "x": 160, "y": 160 } },
            { "id": "manager-approval", "type": "approval", "name": { "zh-CN": "经理审批", "en": "Manager approval" },
              "assignees": [{ "type": "role", "value": "sales-manager" }], "position": { "x": 300, "y": 80 } },
            { "id": "mark", "type": "script", "script": "vars.marked = true;", "position": { "x": 300, "y": 240 } },
            { "id": "join", "type": "parallelJoin", "name": { "zh-CN": "汇合", "en": "Both done" },
              "position": { "x": 440, "y": 160 } },
            { "id": "end", "type": "end", "position": { "x": 560, "y": 160 } }
          ],
          "edges": [
            { "id": "e1", "from": "start", "to": "split" }, { "id": "e2", "from": "split", "to": "manager-approval" },
            { "id": "e3", "from": "split", "to": "mark" }, { "id": "e4", "from": "manager-approval", "to": "join" },
            { "id": "e5", "from": "mark", "to": "join" }, { "id": "e6", "from": "join", "to": "end" }
          ],
          "variables": [{ "name": "marked", "type": "boolean" }]
        }
        """;

    // A sub-flow node that starts the order approval and waits for it.
    private const string ParentFlow = """
        {
          "formatVersion": 1, "kind": "flow", "key": "parent", "name": { "zh-CN": "父流程", "en": "Parent" },
          "form": "sales-order",
          "nodes": [
            { "id": "start", "type": "start", "position": { "x": 40, "y": 160 } },
            { "id": "approve-order", "type": "subFlow", "flow": "order-approval",
              "name": { "zh-CN": "订单审批子流程", "en": "Order approval sub-flow" }, "position": { "x": 260, "y": 160 } },
            { "id": "end", "type": "end", "position": { "x": 480, "y": 160 } }
          ],
          "edges": [ { "id": "e1", "from": "start", "to": "approve-order" }, { "id": "e2", "from": "approve-order", "to": "end" } ]
        }
        """;

    [Test]
    public async Task Timer_wait_names_step_and_time()
    {
        await using var factory = new DesignerAppFactory(kestrel: true);
        using var sales1 = await LoopbackClients.ForAsync(factory, "sales1");
        await PublishAsync(factory, WaitFlows.Timer);

        var started = await StartAsync(sales1, "cooling");
        var detail = await sales1.GetFromJsonAsync<JsonObject>($"/api/instances/{started["id"]}");
        var wait = detail!["summary"]!["waits"]!.AsArray().Single()!;
        var until = DateTimeOffset.Parse((string)wait["until"]!, System.Globalization.CultureInfo.InvariantCulture);
        var startedAt = DateTimeOffset.Parse((string)started["startedAt"]!, System.Globalization.CultureInfo.InvariantCulture);

        Assert.That(Nodes(started), Is.EqualTo(new[] { "cool" }));
        Assert.That(Nodes(detail["summary"]!.AsObject()), Is.EqualTo(new[] { "cool" }));
        Assert.That((string?)wait["nodeId"], Is.EqualTo("cool"));
        Assert.That((string?)wait["kind"], Is.EqualTo("timer"));
        Assert.That((string?)wait["nodeName"]!["en"], Is.EqualTo("Cold-chain rest"));
        Assert.That(until.Offset, Is.EqualTo(TimeSpan.FromHours(8)), "offset of Asia/Shanghai");
        Assert.That(until - startedAt, Is.EqualTo(TimeSpan.FromHours(4)).Within(TimeSpan.FromSeconds(5)));

        var engine = factory.Services.GetRequiredService<WorkflowEngine>();
        await engine.SignalAsync((string)started["id"]!, "cool", null, "admin", default);
        var signalled = await sales1.GetFromJsonAsync<JsonObject>($"/api/instances/{started["id"]}");
        var next = signalled!["summary"]!["waits"]!.AsArray().Single()!;

        Assert.That((string?)next["nodeId"], Is.EqualTo("manager-approval"));
        Assert.That((string?)next["kind"], Is.EqualTo("task"));
        Assert.That(next["until"], Is.Null);
    }

    [Test]
    public async Task Join_wait_listed_beside_task()
    {
        await using var factory = new DesignerAppFactory(kestrel: true);
        using var sales1 = await LoopbackClients.ForAsync(factory, "sales1");
        await PublishAsync(factory, JoinFlow);

        var started = await StartAsync(sales1, "two-branches");
        var detail = await sales1.GetFromJsonAsync<JsonObject>($"/api/instances/{started["id"]}");
        var waits = detail!["summary"]!["waits"]!.AsArray()
            .Select(wait => ((string)wait!["nodeId"]!, (string)wait["kind"]!)).ToList();

        Assert.That(waits, Is.EqualTo(new[] { ("manager-approval", "task"), ("join", "join") }));
        Assert.That(Nodes(detail["summary"]!.AsObject()), Is.EqualTo(new[] { "manager-approval", "join" }));
    }

    [Test]
    public async Task Sub_flow_wait_names_child()
    {
        await using var factory = new DesignerAppFactory(kestrel: true);
        using var sales1 = await LoopbackClients.ForAsync(factory, "sales1");
        await OrderDefinitions.PublishAsync(factory.Services.GetRequiredService<IDefinitionService>(), "owner");
        await TestPackages.PublishFlowAsync(
            factory.Services.GetRequiredService<IDefinitionService>(), DefinitionJson.Deserialize<FlowDefinition>(ParentFlow),
            "owner", "parent");

        var started = await StartAsync(sales1, "parent");
        var detail = await sales1.GetFromJsonAsync<JsonObject>($"/api/instances/{started["id"]}");
        var wait = detail!["summary"]!["waits"]!.AsArray().Single()!;
        var child = (string)wait["childInstanceIds"]!.AsArray().Single()!;
        var childDetail = await sales1.GetFromJsonAsync<JsonObject>($"/api/instances/{child}");

        Assert.That((string?)wait["nodeId"], Is.EqualTo("approve-order"));
        Assert.That((string?)wait["kind"], Is.EqualTo("subFlow"));
        Assert.That(Nodes(childDetail!["summary"]!.AsObject()), Is.EqualTo(new[] { OrderDefinitions.ManagerNode }));
    }

    private static async Task PublishAsync(DesignerAppFactory factory, string flowJson)
    {
        var definitions = factory.Services.GetRequiredService<IDefinitionService>();
        await TestPackages.PublishAsync(
            definitions, OrderDefinitions.Form(), DefinitionJson.Deserialize<FlowDefinition>(flowJson), "owner", "waits");
    }

    private static string[] Nodes(JsonObject instance) =>
        [.. instance["currentNodes"]!.AsArray().Select(node => (string)node!)];

    private static async Task<JsonObject> StartAsync(HttpClient client, string flowKey)
    {
        using var response = await client.PostAsJsonAsync("/api/instances", new
        {
            flowKey,
            data = new { customer = "协和医院", region = "east", total = 90_000m },
        });
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.IsSuccessStatusCode, Is.True, body);
        return JsonNode.Parse(body)!.AsObject();
    }
}
