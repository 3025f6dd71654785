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
    [TestCase("""{"any":5}""", "is not a list")]
    [TestCase("""{"any":[{"all":[{"field":"region","operator":"eq","value":1}],"x":1}],"javaScript":7}""", "is not text")]
    public async Task Filter_of_wrong_type_is_400(string filter, string expected)
    {
        await using var factory = new DesignerAppFactory(kestrel: true);
        using var admin = await LoopbackClients.ForAsync(factory, "admin");

        using var response = await admin.GetAsync($"/api/records/customer?filter={Uri.EscapeDataString(filter)}");
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        var detail = (string?)problem?["detail"] ?? string.Empty;

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(detail, Does.Contain(expected));
        Assert.That(detail, Does.Not.Contain("System."));
        Assert.That(detail, Does.Not.Contain("WorkflowKit."));
    }
}
