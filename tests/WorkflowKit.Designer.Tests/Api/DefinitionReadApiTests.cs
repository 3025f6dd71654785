using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using WorkflowKit.Definitions;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Definitions.Json;
using WorkflowKit.Designer.Services;
using WorkflowKit.Designer.Tests.Support;

namespace WorkflowKit.Designer.Tests.Api;

/// <summary>
/// Who reads flow definitions through the API: process owners and administrators read whole definitions, with
/// scripts and parameters, and staff read the flows they may start and an outline of the flow an instance runs on.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class DefinitionReadApiTests
{
    private const string Script = "form.region = 'north';";

    // Part of the script without characters that JSON writers escape, so that a search of the JSON text finds it.
    private const string ScriptText = "form.region";

    [Test]
    public async Task Staff_definition_reads_are_403()
    {
        await using var factory = new DesignerAppFactory();
        using var sales = await ApiAccessTests.ClientForAsync(factory, "sales1");
        using var owner = await ApiAccessTests.ClientForAsync(factory, "owner");
        await OrderDefinitions.PublishAsync(
            factory.Services.GetRequiredService<IDefinitionService>(), "owner", OrderDefinitions.FlowWithScript(Script));
        var paths = new[]
        {
            $"/api/definitions/flows/{OrderDefinitions.FlowKey}/versions",
            $"/api/definitions/flows/{OrderDefinitions.FlowKey}/versions/1",
            $"/api/definitions/forms/{OrderDefinitions.FormKey}/versions/1",
        };

        foreach (var path in paths)
        {
            using var staff = await sales.GetAsync(path);
            using var design = await owner.GetAsync(path);

            Assert.That(staff.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), path);
            Assert.That(await staff.Content.ReadAsStringAsync(), Does.Not.Contain(ScriptText), path);
            Assert.That(design.StatusCode, Is.EqualTo(HttpStatusCode.OK), path);
        }

        using var version = await owner.GetAsync($"/api/definitions/flows/{OrderDefinitions.FlowKey}/versions/1");
        Assert.That(await version.Content.ReadAsStringAsync(), Does.Contain(ScriptText));
    }

    [TestCase("flows", OrderDefinitions.FlowKey)]
    [TestCase("forms", OrderDefinitions.FormKey)]
    public async Task Definition_list_hides_editor_from_staff(string kind, string key)
    {
        await using var factory = new DesignerAppFactory();
        using var sales = await ApiAccessTests.ClientForAsync(factory, "sales1");
        using var owner = await ApiAccessTests.ClientForAsync(factory, "owner");
        using var admin = await ApiAccessTests.ClientForAsync(factory, "admin");
        var definitions = factory.Services.GetRequiredService<IDefinitionService>();
        await OrderDefinitions.PublishAsync(definitions, "owner", OrderDefinitions.FlowWithScript(Script));

        // An unpublished edit, because lists show the editor of a draft only while it differs from the published version.
        var definitionKind = kind == "flows" ? DefinitionKind.Flow : DefinitionKind.Form;
        var draft = (await definitions.GetDraftAsync(definitionKind, key, default))!;
        var edited = JsonNode.Parse(draft.Json)!.AsObject();
        edited["description"] = "Edited after the publish";
        await definitions.SaveDraftAsync(definitionKind, key, edited.ToJsonString(), draft.Revision, "owner", default);

        var staffItem = await ListedAsync(sales, kind, key);
        var ownerItem = await ListedAsync(owner, kind, key);
        var adminItem = await ListedAsync(admin, kind, key);

        Assert.That(staffItem.Select(property => property.Key),
            Is.EqualTo(new[] { "kind", "key", "name", "publishedVersion" }));
        Assert.That(staffItem["publishedVersion"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That(ownerItem["updatedBy"]!.GetValue<string>(), Is.EqualTo("owner"));
        Assert.That(ownerItem.ContainsKey("hasDraft"), Is.True);
        Assert.That(adminItem["updatedBy"]!.GetValue<string>(), Is.EqualTo("owner"));
    }

    private static async Task<JsonObject> ListedAsync(HttpClient client, string kind, string key)
    {
        using var response = await client.GetAsync($"/api/definitions/{kind}");
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        return JsonNode.Parse(body)!.AsArray().Single(item => (string?)item!["key"] == key)!.AsObject();
    }

    [Test]
    public async Task Staff_list_startable_flows()
    {
        await using var factory = new DesignerAppFactory();
        using var sales = await ApiAccessTests.ClientForAsync(factory, "sales1");
        await OrderDefinitions.PublishAsync(
            factory.Services.GetRequiredService<IDefinitionService>(), "owner", OrderDefinitions.FlowWithScript(Script));

        using var response = await sales.GetAsync("/api/startable-flows");

        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        var flow = JsonNode.Parse(body)!.AsArray().Single(item => (string?)item!["flowKey"] == OrderDefinitions.FlowKey)!;
        Assert.That((string?)flow["formKey"], Is.EqualTo(OrderDefinitions.FormKey));
        Assert.That((string?)JsonNode.Parse((string)flow["formJson"]!)!["key"], Is.EqualTo(OrderDefinitions.FormKey));
        Assert.That(body, Does.Not.Contain(ScriptText));
    }

    [Test]
    public async Task Instance_flow_is_outline_for_staff()
    {
        await using var factory = new DesignerAppFactory();
        using var sales = await ApiAccessTests.ClientForAsync(factory, "sales1");
        using var manager = await ApiAccessTests.ClientForAsync(factory, "manager");
        using var owner = await ApiAccessTests.ClientForAsync(factory, "owner");
        await OrderDefinitions.PublishAsync(
            factory.Services.GetRequiredService<IDefinitionService>(), "owner", OrderDefinitions.FlowWithScript(Script));
        var instanceId = await TaskActionApiTests.StartOrderAsync(sales, "协和医院");
        var taskId = await TaskActionApiTests.OpenTaskIdAsync(manager, instanceId);

        var staffFlow = await FlowOfAsync(sales, $"/api/instances/{instanceId}", instance => instance);
        var taskFlow = await FlowOfAsync(manager, $"/api/tasks/{taskId}", task => task["instance"]!);
        var ownerFlow = await FlowOfAsync(owner, $"/api/instances/{instanceId}", instance => instance);

        foreach (var flow in new[] { staffFlow, taskFlow })
        {
            var nodes = flow["nodes"]!.AsArray();
            Assert.That(flow.ToJsonString(), Does.Not.Contain(ScriptText));
            Assert.That(nodes.Select(node => (string?)node!["id"]), Does.Contain(OrderDefinitions.ScriptNode));
            Assert.That(nodes.SelectMany(node => node!.AsObject().Select(property => property.Key)).Distinct(),
                Is.SubsetOf(new[] { "id", "type", "name", "position" }));
            Assert.That(flow["edges"]!.AsArray(), Is.Not.Empty);
        }

        var scriptNode = ownerFlow["nodes"]!.AsArray().Single(node => (string?)node!["id"] == OrderDefinitions.ScriptNode)!;
        Assert.That((string?)scriptNode["script"], Is.EqualTo(Script));
    }

    [Test]
    public async Task Staff_list_only_startable_definitions()
    {
        await using var factory = new DesignerAppFactory();
        using var sales = await ApiAccessTests.ClientForAsync(factory, "sales1");
        using var owner = await ApiAccessTests.ClientForAsync(factory, "owner");
        var definitions = factory.Services.GetRequiredService<IDefinitionService>();
        await OrderDefinitions.PublishAsync(definitions, "owner", OrderDefinitions.FlowWithScript(Script));
        await PublishWarehouseCountAsync(definitions);
        var instanceId = await TaskActionApiTests.StartOrderAsync(sales, "协和医院");
        using var manager = await ApiAccessTests.ClientForAsync(factory, "manager");
        var taskId = await TaskActionApiTests.OpenTaskIdAsync(manager, instanceId);

        var staffFlows = await KeysAsync(sales, "/api/definitions/flows");
        var staffForms = await KeysAsync(sales, "/api/definitions/forms");
        var ownerFlows = await KeysAsync(owner, "/api/definitions/flows");
        var ownerForms = await KeysAsync(owner, "/api/definitions/forms");

        Assert.That(staffFlows, Is.EqualTo(new[] { OrderDefinitions.FlowKey }));
        Assert.That(staffForms, Is.EqualTo(new[] { OrderDefinitions.FormKey }));
        Assert.That(ownerFlows, Is.EquivalentTo(new[] { OrderDefinitions.FlowKey, CountFlowKey }));
        Assert.That(ownerForms, Is.EquivalentTo(new[] { OrderDefinitions.FormKey, CountFormKey }));
        var reads = new[]
        {
            (sales, "/api/definitions/flows"), (sales, "/api/definitions/forms"), (sales, "/api/startable-flows"),
            (sales, "/api/instances"), (sales, $"/api/instances/{instanceId}"), (manager, "/api/definitions/flows"),
            (manager, "/api/tasks"), (manager, $"/api/tasks/{taskId}"),
        };
        foreach (var (client, path) in reads)
        {
            using var response = await client.GetAsync(path);
            var body = await response.Content.ReadAsStringAsync();
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), path);
            Assert.That(body, Does.Not.Contain(ScriptText), path);
            Assert.That(body, Does.Not.Contain(CountConditionText), path);
            Assert.That(body, Does.Not.Contain(CountFlowKey), path);
        }
    }

    private const string CountFlowKey = "warehouse-count";

    private const string CountFormKey = "stock-count";

    // Part of the script that only the warehouse flow's definition contains.
    private const string CountConditionText = "count-secret-7319";

    // Publishes a flow that only the warehouse role may start, on a form that no permission lets sales read, with a
    // script step of its own.
    private static async Task PublishWarehouseCountAsync(IDefinitionService definitions)
    {
        var form = new FormDefinition
        {
            Key = CountFormKey,
            Name = new LocalizedText("盘点", "Stock count"),
            Fields = [new FieldDefinition { Id = "batch", Type = FieldTypes.Text, Label = new LocalizedText("批次", "Batch") }],
        };
        var flow = OrderDefinitions.FlowWithScript($"form.batch = '{CountConditionText}';");
        flow.Key = CountFlowKey;
        flow.Name = new LocalizedText("盘点", "Stock count");
        flow.Form = CountFormKey;
        flow.Starters = [new AssigneeRule { Type = AssigneeTypes.Role, Value = "warehouse" }];
        flow.Nodes.Single(node => node.Id == OrderDefinitions.ManagerNode).FieldPermissions = null;
        await definitions.SaveDraftAsync(DefinitionKind.Form, CountFormKey, DefinitionJson.Serialize(form), null, "owner", default);
        await definitions.PublishAsync(DefinitionKind.Form, CountFormKey, "owner", null, default);
        await definitions.SaveDraftAsync(DefinitionKind.Flow, CountFlowKey, DefinitionJson.Serialize(flow), null, "owner", default);
        var result = await definitions.PublishAsync(DefinitionKind.Flow, CountFlowKey, "owner", null, default);
        Assert.That(result.Published, Is.True, string.Join("; ", result.Diagnostics.Select(d => d.Message)));
    }

    private static async Task<string[]> KeysAsync(HttpClient client, string path)
    {
        var reply = await client.GetFromJsonAsync<JsonArray>(path);
        return [.. reply!.Select(item => (string)item!["key"]!)];
    }

    private static async Task<JsonObject> FlowOfAsync(HttpClient client, string path, Func<JsonObject, JsonNode> instanceOf)
    {
        var reply = await client.GetFromJsonAsync<JsonObject>(path);
        return JsonNode.Parse((string)instanceOf(reply!)["flowJson"]!)!.AsObject();
    }
}
