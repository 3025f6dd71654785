using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dapper;
using Microsoft.Data.Sqlite;
using WorkflowKit.Designer.Tests.Support;

namespace WorkflowKit.Designer.Tests.Api;

/// <summary>
/// Draft keys: <c>PUT .../draft</c> rejects a key that publishing would reject, and a draft stored under such a key
/// before the check is still listed and can be deleted.
/// </summary>
[TestFixture]
public sealed class DraftKeyApiTests
{
    private static readonly string LongKey = "a" + new string('b', 2999);

    [TestCase("forms", "form", "a b")]
    [TestCase("forms", "form", "订单流程")]
    [TestCase("flows", "flow", "1st-flow")]
    [TestCase("flows", "flow", "")]
    public async Task Invalid_key_draft_is_400(string path, string kind, string key)
    {
        await using var factory = new DesignerAppFactory(kestrel: true);
        using var owner = await LoopbackClients.ForAsync(factory, "owner");
        key = key.Length == 0 ? LongKey : key;

        using var response = await SaveAsync(owner, path, kind, key);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        var listed = await owner.GetFromJsonAsync<JsonArray>($"/api/definitions/{path}");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var quoted = key.Length <= 60 ? $"\"{key}\"" : $"\"{key[..60]}…\" ({key.Length} characters)";
        Assert.That((string)problem!["detail"]!, Is.EqualTo(
            $"The {kind} key {quoted} is invalid: a key matches the pattern ^[A-Za-z][A-Za-z0-9_.-]{{0,99}}$ " +
            "(rule WK1024), so it starts with a letter and has at most 100 letters, digits, \"_\", \".\" or \"-\". " +
            "Save the draft under a key such as \"sales-order\"; the name shown to users may be in any language."));
        Assert.That(listed, Is.Empty);
    }

    [Test]
    public async Task Valid_key_of_100_characters_saves()
    {
        await using var factory = new DesignerAppFactory(kestrel: true);
        using var owner = await LoopbackClients.ForAsync(factory, "owner");

        using var response = await SaveAsync(owner, "forms", "form", "k" + new string('9', 99));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task Stored_invalid_draft_lists_and_deletes()
    {
        await using var factory = new DesignerAppFactory(kestrel: true);
        using var owner = await LoopbackClients.ForAsync(factory, "owner", "en");
        await using (var connection = new SqliteConnection($"Data Source={factory.DatabasePath}"))
        {
            // A draft that an older version saved before keys were checked.
            await connection.ExecuteAsync(
                "INSERT INTO definition_drafts (kind, key, revision, content, saved_by, saved_at) " +
                "VALUES ('form', 'a b', 1, @content, 'owner', '2026-12-01T00:00:00.0000000Z')",
                new { content = """{"formatVersion":1,"kind":"form","key":"a b","name":"旧草稿","fields":[]}""" });
        }

        var before = await owner.GetFromJsonAsync<JsonArray>("/api/definitions/forms");
        using var deleted = await owner.DeleteAsync("/api/definitions/forms/a%20b/draft");
        using var again = await owner.DeleteAsync("/api/definitions/forms/a%20b/draft");
        var after = await owner.GetFromJsonAsync<JsonArray>("/api/definitions/forms");

        Assert.That(before!.Select(item => (string)item!["key"]!), Is.EqualTo(new[] { "a b" }));
        Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        var problem = await again.Content.ReadFromJsonAsync<JsonObject>();
        Assert.That((string)problem!["detail"]!, Is.EqualTo("There is no draft of form \"a b\" to delete."));
        Assert.That(after, Is.Empty);
    }

    private static Task<HttpResponseMessage> SaveAsync(HttpClient client, string path, string kind, string key)
    {
        var document = new JsonObject
        {
            ["formatVersion"] = 1, ["kind"] = kind, ["key"] = key, ["name"] = "订单流程",
        };
        return client.PutAsJsonAsync(
            $"/api/definitions/{path}/{Uri.EscapeDataString(key)}/draft",
            new { document, expectedRevision = (long?)null });
    }
}
