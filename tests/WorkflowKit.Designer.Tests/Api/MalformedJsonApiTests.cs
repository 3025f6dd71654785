using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WorkflowKit.Designer.Tests.Support;

namespace WorkflowKit.Designer.Tests.Api;

/// <summary>
/// A POST body that is not JSON gets a 400 problem reply that states what is wrong with the JSON and where, in the
/// Production environment that <c>dotnet run</c> uses. A missing body is reported as missing.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class MalformedJsonApiTests
{
    private DesignerAppFactory _app = null!;

    [OneTimeSetUp]
    public void StartServer()
    {
        _app = new DesignerAppFactory(
            kestrel: true, settings: new Dictionary<string, string> { ["environment"] = Environments.Production });
        _app.StartServer();
    }

    [OneTimeTearDown]
    public async Task StopServerAsync() => await _app.DisposeAsync();

    [Test]
    public void Server_runs_in_production() =>
        Assert.That(_app.Services.GetRequiredService<IHostEnvironment>().EnvironmentName, Is.EqualTo("Production"));

    [Test]
    public async Task Cut_off_task_action_is_400()
    {
        using var client = await LoopbackClients.ForAsync(_app, "manager", "en");

        var (status, problem) = await PostAsync(client, "/api/tasks/any-task/actions", """{"action":""");

        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((string?)problem["detail"], Is.EqualTo(
            "The request body is not valid JSON at line 1, column 11 (JSON path $.action): the text ends before the " +
            "object that starts at line 1, column 1 is closed. Complete the last value and add the missing }. Then " +
            "send the request again."));
        Assert.That((int?)problem["line"], Is.EqualTo(1));
        Assert.That((int?)problem["position"], Is.EqualTo(11));
        Assert.That((string?)problem["path"], Is.EqualTo("$.action"));
    }

    [Test]
    public async Task Invalid_value_on_line_three_is_400()
    {
        using var client = await LoopbackClients.ForAsync(_app, "sales1", "en");

        var (status, problem) = await PostAsync(
            client, "/api/instances", "{\n  \"flowKey\": \"order-approval\",\n  \"data\": {\"total\": 12,}\n}");

        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((string?)problem["detail"], Is.EqualTo(
            "The request body is not valid JSON at line 3, column 24 (JSON path $.data): a comma follows the last " +
            "property of the object. Remove that comma. Then send the request again."));
        Assert.That((int?)problem["line"], Is.EqualTo(3));
        Assert.That((string?)problem["path"], Is.EqualTo("$.data"));
    }

    [Test]
    public async Task Deeply_nested_body_is_400_naming_the_depth()
    {
        // 200 KB that once made the server build a path string per nesting level, until it ran out of memory.
        using var client = await LoopbackClients.ForAsync(_app, "sales1", "en");
        var body = "{\"flowKey\": \"order-approval\", \"data\": {\"x\": " + new string('[', 100_000) +
            new string(']', 100_000) + "}}";

        var (status, problem) = await PostAsync(client, "/api/instances", body);

        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((string?)problem["detail"], Does.Contain(
            "objects and lists are nested more than 64 levels deep. Nest them less deeply"));
    }

    [TestCase("")]
    [TestCase("null")]
    public async Task Missing_body_is_400(string body)
    {
        using var client = await LoopbackClients.ForAsync(_app, "credit1", "en");

        var (status, problem) = await PostAsync(client, "/api/instances", body);

        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((string?)problem["detail"], Is.EqualTo(
            "The request body is empty or null. Send a JSON object with the request's fields."));
    }

    [Test]
    public async Task Body_not_sent_as_json_is_415()
    {
        using var client = await LoopbackClients.ForAsync(_app, "manager", "en");
        using var content = new StringContent("""{"action":"approve"}""", Encoding.UTF8, "text/plain");

        using var response = await client.PostAsync("/api/tasks/any-task/actions", content);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>() ?? [];

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnsupportedMediaType));
        Assert.That((string?)problem["detail"], Is.EqualTo(
            "The request body was sent as \"text/plain; charset=utf-8\". Send it as JSON with the header " +
            "Content-Type: application/json."));
    }

    private static async Task<(HttpStatusCode Status, JsonObject Problem)> PostAsync(
        HttpClient client, string path, string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(path, content);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>() ?? [];
        return (response.StatusCode, problem);
    }
}
