using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Designer.Services;
using WorkflowKit.Designer.Tests.Support;

namespace WorkflowKit.Designer.Tests.Api;

/// <summary>
/// <c>POST /api/instances</c> on a server on 127.0.0.1 applies the start node's field permissions: a value for a field
/// that the start node hides is rejected with 422 by field, as a task action that changes such a field is. A started instance
/// lists the nodes it waits at in <c>GET /api/instances</c> as in its detail.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class StartFieldAccessApiTests
{
    [Test]
    public async Task Start_with_hidden_field_is_422()
    {
        await using var factory = await StartServerAsync();
        using var sales1 = await LoopbackClients.ForAsync(factory, "sales1");

        using var response = await sales1.PostAsJsonAsync("/api/instances", new
        {
            flowKey = OrderDefinitions.FlowKey,
            data = new { customer = "协和医院", region = "east", total = 900m, note = "shipped, FAKE123" },
        });
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity), problem?.ToJsonString());
        Assert.That((string?)problem!["detail"], Is.EqualTo(
            "字段 “备注”（note） 在流程 “order-approval” 的开始节点 “start” 为隐藏，发起时不能填写。请从表单数据中去掉它。" +
            "发起时可填写的字段：customer, region, total。"));
        Assert.That(problem["errors"]!.AsObject().Select(pair => pair.Key), Is.EqualTo(new[] { "note" }));
        var instances = await sales1.GetFromJsonAsync<JsonArray>("/api/instances");
        Assert.That(instances, Is.Empty, "no instance was started");
    }

    [Test]
    public async Task Start_without_hidden_field_is_created()
    {
        await using var factory = await StartServerAsync();
        using var sales1 = await LoopbackClients.ForAsync(factory, "sales1");

        using var response = await sales1.PostAsJsonAsync("/api/instances", new
        {
            flowKey = OrderDefinitions.FlowKey,
            data = new { customer = "协和医院", region = "east", total = 900m },
        });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
    }

    [TestCase("sales1")]
    [TestCase("owner")]
    public async Task Instance_list_shows_current_nodes(string viewer)
    {
        await using var factory = await StartServerAsync();
        using var sales1 = await LoopbackClients.ForAsync(factory, "sales1");
        using var started = await sales1.PostAsJsonAsync("/api/instances", new
        {
            flowKey = OrderDefinitions.FlowKey,
            data = new { customer = "协和医院", region = "east", total = 900m },
        });
        var id = (await started.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        using var client = await LoopbackClients.ForAsync(factory, viewer);

        var list = await client.GetFromJsonAsync<JsonArray>("/api/instances");
        var detail = await client.GetFromJsonAsync<JsonObject>($"/api/instances/{id}");

        var listed = list!.Single(instance => instance!["id"]!.GetValue<string>() == id)!;
        var expected = new[] { OrderDefinitions.ManagerNode };
        Assert.That(listed["currentNodes"]!.AsArray().Select(node => node!.GetValue<string>()), Is.EqualTo(expected));
        Assert.That(detail!["summary"]!["currentNodes"]!.AsArray().Select(node => node!.GetValue<string>()),
            Is.EqualTo(expected));
    }

    [Test]
    public async Task OpenApi_lists_start_problems()
    {
        await using var factory = new DesignerAppFactory(kestrel: true);
        using var sales1 = await LoopbackClients.ForAsync(factory, "sales1");

        var document = await sales1.GetFromJsonAsync<JsonObject>("/api/openapi/v1.json");

        var responses = document!["paths"]!["/api/instances"]!["post"]!["responses"]!.AsObject();
        Assert.That(responses.Select(response => response.Key), Is.SupersetOf(new[] { "400", "403", "422" }));
    }

    private static async Task<DesignerAppFactory> StartServerAsync()
    {
        var factory = new DesignerAppFactory(kestrel: true);
        var flow = OrderDefinitions.Flow();
        flow.Nodes.Single(node => node.Type == NodeTypes.Start).FieldPermissions = new()
        {
            ["customer"] = new FieldPermission { Access = FieldPermission.Editable },
            ["region"] = new FieldPermission { Access = FieldPermission.Editable },
            ["total"] = new FieldPermission { Access = FieldPermission.Editable },
            ["note"] = new FieldPermission { Access = FieldPermission.Hidden },
        };
        await OrderDefinitions.PublishAsync(factory.Services.GetRequiredService<IDefinitionService>(), "owner", flow);
        return factory;
    }
}
