using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using WorkflowKit.Designer.Tests.Support;

namespace WorkflowKit.Designer.Tests.Api;

/// <summary>
/// A form and a flow published through <c>POST /api/definitions/{kind}/{key}/publish</c> on a server on 127.0.0.1
/// are listed without a draft, as after a publish from the designer; a later save shows the draft again, and an editor
/// still on the old revision gets a conflict.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class PublishedDraftApiTests
{
    private const string FormJson = """
        {
          "formatVersion": 1, "kind": "form", "key": "lab-sample", "name": "Lab sample",
          "fields": [ { "id": "code", "type": "text", "label": "Code" } ]
        }
        """;

    private const string FlowJson = """
        {
          "formatVersion": 1, "kind": "flow", "key": "lab-check", "name": "Lab check", "form": "lab-sample",
          "nodes": [ { "id": "start", "type": "start" }, { "id": "end", "type": "end" } ],
          "edges": [ { "id": "e1", "from": "start", "to": "end" } ]
        }
        """;

    [Test]
    public async Task Api_publish_lists_no_draft()
    {
        await using var factory = new DesignerAppFactory(kestrel: true);
        using var owner = await LoopbackClients.ForAsync(factory, "owner");
        await SaveAsync(owner, "forms", "lab-sample", FormJson, null);
        await SaveAsync(owner, "flows", "lab-check", FlowJson, null);

        using var formPublished = await owner.PostAsync("/api/definitions/forms/lab-sample/publish", null);
        using var flowPublished = await owner.PostAsync("/api/definitions/flows/lab-check/publish", null);
        var form = await ItemAsync(owner, "forms", "lab-sample");
        var flow = await ItemAsync(owner, "flows", "lab-check");

        Assert.That(formPublished.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(flowPublished.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((bool?)form["hasDraft"], Is.False, form.ToJsonString());
        Assert.That(form["updatedBy"], Is.Null);
        Assert.That((int?)form["publishedVersion"], Is.EqualTo(1));
        Assert.That((bool?)flow["hasDraft"], Is.False, flow.ToJsonString());
        Assert.That(flow["updatedBy"], Is.Null);
    }

    [Test]
    public async Task Later_save_lists_draft_again()
    {
        await using var factory = new DesignerAppFactory(kestrel: true);
        using var owner = await LoopbackClients.ForAsync(factory, "owner");
        await SaveAsync(owner, "forms", "lab-sample", FormJson, null);
        using var published = await owner.PostAsync("/api/definitions/forms/lab-sample/publish", null);

        var changed = FormJson.Replace("\"Lab sample\"", "\"Lab sample v2\"", StringComparison.Ordinal);
        await SaveAsync(owner, "forms", "lab-sample", changed, 1);
        var form = await ItemAsync(owner, "forms", "lab-sample");
        using var stale = await owner.PutAsJsonAsync("/api/definitions/forms/lab-sample/draft",
            new { document = JsonNode.Parse(FormJson), expectedRevision = 1 });

        Assert.That((bool?)form["hasDraft"], Is.True);
        Assert.That((string?)form["updatedBy"], Is.EqualTo("owner"));
        Assert.That(stale.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
    }

    private static async Task SaveAsync(HttpClient client, string kind, string key, string json, long? revision)
    {
        using var response = await client.PutAsJsonAsync($"/api/definitions/{kind}/{key}/draft",
            new { document = JsonNode.Parse(json), expectedRevision = revision });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
    }

    private static async Task<JsonObject> ItemAsync(HttpClient client, string kind, string key)
    {
        var items = await client.GetFromJsonAsync<JsonArray>($"/api/definitions/{kind}");
        return items!.Single(item => (string?)item!["key"] == key)!.AsObject();
    }
}
