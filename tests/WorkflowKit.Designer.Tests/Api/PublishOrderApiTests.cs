using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using WorkflowKit.Definitions.Json;
using WorkflowKit.Designer.Tests.Support;

namespace WorkflowKit.Designer.Tests.Api;

/// <summary>Publishing a flow through the REST API before and after the form it starts with is published.</summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class PublishOrderApiTests
{
    [Test]
    public async Task Flow_before_its_form_is_422()
    {
        await using var factory = new DesignerAppFactory(kestrel: true);
        using var owner = await LoopbackClients.ForAsync(factory, "owner");
        await SaveDraftAsync(owner, "forms", OrderDefinitions.FormKey, DefinitionJson.Serialize(OrderDefinitions.Form()));
        await SaveDraftAsync(owner, "flows", OrderDefinitions.FlowKey, DefinitionJson.Serialize(OrderDefinitions.Flow()));

        using var rejected = await owner.PostAsync($"/api/definitions/flows/{OrderDefinitions.FlowKey}/publish", null);
        var body = await rejected.Content.ReadFromJsonAsync<JsonObject>();
        var diagnostic = body!["diagnostics"]!.AsArray().Single(item => (string)item!["code"]! == "WK1025")!;
        using var form = await owner.PostAsync($"/api/definitions/forms/{OrderDefinitions.FormKey}/publish", null);
        using var accepted = await owner.PostAsync($"/api/definitions/flows/{OrderDefinitions.FlowKey}/publish", null);

        Assert.Multiple(() =>
        {
            Assert.That(rejected.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
            Assert.That(body["version"], Is.Null);
            Assert.That((string)diagnostic["message"]!, Is.EqualTo(
                $"Form \"{OrderDefinitions.FormKey}\" is not published. Publish form \"{OrderDefinitions.FormKey}\" " +
                $"first, then publish flow \"{OrderDefinitions.FlowKey}\" (a package import may publish both together)."));
            Assert.That((string)diagnostic["pointer"]!, Is.EqualTo("/form"));
            Assert.That(form.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(accepted.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        });
    }

    private static async Task SaveDraftAsync(HttpClient client, string kind, string key, string json)
    {
        using var response = await client.PutAsJsonAsync(
            $"/api/definitions/{kind}/{key}/draft", new { document = JsonNode.Parse(json), expectedRevision = (long?)null });
        Assert.That(response.IsSuccessStatusCode, Is.True, await response.Content.ReadAsStringAsync());
    }
}
