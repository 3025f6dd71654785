using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using WorkflowKit.Designer.Tests.Support;

namespace WorkflowKit.Designer.Tests.Api;

/// <summary>Problem replies of the REST API name the expected kind of value in plain words, never a .NET type.</summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class ValueWordingApiTests
{
    [TestCase("""{"any":5}""", "(JSON path $.any): the value is a number, but it must be a list.")]
    [TestCase("""{"any":[{"all":[{"field":"region","operator":"eq","value":1}],"x":1}],"javaScript":7}""",
        "(JSON path $.javaScript): the value is a number, but it must be text.")]
    public async Task Filter_of_wrong_type_is_400(string filter, string expected)
    {
        await using var factory = new DesignerAppFactory(kestrel: true);
        using var admin = await LoopbackClients.ForAsync(factory, "admin", "en");

        using var response = await admin.GetAsync($"/api/records/customer?filter={Uri.EscapeDataString(filter)}");
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        var detail = (string?)problem?["detail"] ?? string.Empty;

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(detail, Does.Contain(expected));
        Assert.That(detail, Does.Not.Contain("System."));
        Assert.That(detail, Does.Not.Contain("WorkflowKit."));
    }

    [Test]
    public async Task Filter_with_syntax_error_is_400()
    {
        await using var factory = new DesignerAppFactory(kestrel: true);
        using var admin = await LoopbackClients.ForAsync(factory, "admin");

        using var response = await admin.GetAsync($"/api/records/customer?filter={Uri.EscapeDataString("{\"any\":[}")}");
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((string?)problem?["detail"], Is.EqualTo(
            "The filter parameter is not valid JSON at line 1, column 9 (JSON path $.any): '}' does not close the " +
            "list that starts at line 1, column 8. Close it with ']', or check the brackets before it."));
    }

    [Test]
    public async Task Limit_not_a_whole_number_is_400()
    {
        await using var factory = new DesignerAppFactory(kestrel: true);
        using var admin = await LoopbackClients.ForAsync(factory, "admin", "en");

        using var response = await admin.GetAsync("/api/records/customer?limit=ten");
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((string?)problem?["detail"], Is.EqualTo(
            "The value \"ten\" of parameter 'limit' is not a whole number."));
    }

    [Test]
    public async Task Body_value_of_wrong_type_is_400()
    {
        await using var factory = new DesignerAppFactory(kestrel: true);
        using var owner = await LoopbackClients.ForAsync(factory, "owner", "en");

        using var response = await owner.PutAsJsonAsync(
            "/api/definitions/forms/sales-order/draft", new { document = new { }, expectedRevision = "first" });
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        var detail = (string?)problem?["detail"] ?? string.Empty;

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(detail, Does.StartWith(
            "The value at $.expectedRevision must be a whole number (the value sent has another format or is out of " +
            "range). The error is at line 1, position "));
        Assert.That(detail, Does.Not.Contain("System."));
    }
}
