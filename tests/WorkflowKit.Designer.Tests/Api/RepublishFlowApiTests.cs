using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using WorkflowKit.Designer.Tests.Support;

namespace WorkflowKit.Designer.Tests.Api;

/// <summary>
/// <c>POST /api/definitions/flows/{key}/publish</c> on a template flow that has no draft: it publishes a new version
/// once its form has a newer version, and returns <c>created</c> false when it publishes nothing.
/// </summary>
[TestFixture]
public sealed class RepublishFlowApiTests
{
    private const string FlowKey = "order-to-shipment";

    private const string FormKey = "order";

    [Test]
    public async Task Flow_without_draft_binds_newer_form()
    {
        await using var factory = new DesignerAppFactory(kestrel: true, templates: DesignerAppFactory.RepositoryTemplates());
        using var owner = await LoopbackClients.ForAsync(factory, "owner");

        var unchanged = await PublishAsync(owner, "flows", FlowKey);
        await ChangeFormNameAsync(owner);
        var form = await PublishAsync(owner, "forms", FormKey);
        var republished = await PublishAsync(owner, "flows", FlowKey);
        var again = await PublishAsync(owner, "flows", FlowKey);
        var history = await owner.GetFromJsonAsync<JsonArray>($"/api/definitions/flows/{FlowKey}/versions");

        Assert.That((int)unchanged["version"]!, Is.EqualTo(1));
        Assert.That((bool)unchanged["created"]!, Is.False);
        Assert.That((bool)unchanged["published"]!, Is.True);
        Assert.That(((int)form["version"]!, (bool)form["created"]!), Is.EqualTo((2, true)));
        Assert.That((int)republished["version"]!, Is.EqualTo(2));
        Assert.That((bool)republished["created"]!, Is.True);
        Assert.That(((int)again["version"]!, (bool)again["created"]!), Is.EqualTo((2, false)));
        Assert.That(history!.Select(item => (int)item!["version"]!), Is.EqualTo(new[] { 1, 2 }));
    }

    [Test]
    public async Task Form_without_draft_creates_nothing()
    {
        await using var factory = new DesignerAppFactory(kestrel: true, templates: DesignerAppFactory.RepositoryTemplates());
        using var owner = await LoopbackClients.ForAsync(factory, "owner");

        var result = await PublishAsync(owner, "forms", FormKey);
        var history = await owner.GetFromJsonAsync<JsonArray>($"/api/definitions/forms/{FormKey}/versions");

        Assert.That(((int)result["version"]!, (bool)result["created"]!), Is.EqualTo((1, false)));
        Assert.That(history, Has.Count.EqualTo(1));
    }

    private static async Task<JsonObject> PublishAsync(HttpClient client, string kind, string key)
    {
        using var response = await client.PostAsync($"/api/definitions/{kind}/{key}/publish", null);
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        return JsonNode.Parse(body)!.AsObject();
    }

    private static async Task ChangeFormNameAsync(HttpClient client)
    {
        var draft = await client.GetFromJsonAsync<JsonObject>($"/api/definitions/forms/{FormKey}/draft");
        var document = draft!["document"]!.AsObject();
        document["name"] = new JsonObject { ["zh-CN"] = "销售订单（新）", ["en"] = "Sales order (new)" };
        using var saved = await client.PutAsJsonAsync(
            $"/api/definitions/forms/{FormKey}/draft", new { document, expectedRevision = (long?)null });
        Assert.That(saved.StatusCode, Is.EqualTo(HttpStatusCode.OK), await saved.Content.ReadAsStringAsync());
    }
}
