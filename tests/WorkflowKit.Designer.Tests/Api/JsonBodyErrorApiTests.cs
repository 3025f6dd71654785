using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Hosting;
using WorkflowKit.Designer.Tests.Support;

namespace WorkflowKit.Designer.Tests.Api;

/// <summary>
/// Request bodies with a JSON value of the wrong type, a JSON syntax error, no action or no Content-Type header get
/// problem replies in plain words, without .NET type names or System.Text.Json reader advice, in the Production
/// environment that <c>dotnet run</c> uses.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class JsonBodyErrorApiTests
{
    private const string TaskActions = "/api/tasks/any-task/actions";

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

    [TestCase(TaskActions, """{"action": 5}""", "The value at $.action must be text, not a number", 1, 12, "$.action")]
    [TestCase("/api/instances", """{"flowKey":5}""", "The value at $.flowKey must be text, not a number", 1, 12,
        "$.flowKey")]
    [TestCase("/api/instances", """{"flowKey":"x","data":[1]}""",
        "The value at $.data must be a JSON object, not a list", 1, 23, "$.data")]
    [TestCase(TaskActions, "{\n  \"action\": \"approve\",\n  \"comment\": true\n}",
        "The value at $.comment must be text, not true or false", 3, 17, "$.comment")]
    [TestCase(TaskActions, "[]", "The request body must be a JSON object", 1, 1, "$")]
    [TestCase(TaskActions, "\"approve\"", "The request body must be a JSON object", 1, 9, "$")]
    public async Task Value_of_wrong_type_is_400(
        string path, string body, string expected, int line, int position, string jsonPath)
    {
        using var client = await LoopbackClients.ForAsync(_app, "manager", "en");

        var (status, problem) = await PostAsync(client, path, body);

        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((string?)problem["detail"], Is.EqualTo(
            $"{expected}. The error is at line {line}, position {position} (JSON path {jsonPath}). " +
            "Correct the value and send the request again."));
        Assert.That((int?)problem["line"], Is.EqualTo(line));
        Assert.That((int?)problem["position"], Is.EqualTo(position));
        Assert.That((string?)problem["path"], Is.EqualTo(jsonPath));
    }

    [Test]
    public async Task Unknown_property_is_400()
    {
        using var client = await LoopbackClients.ForAsync(_app, "manager", "en");

        var (status, problem) = await PostAsync(client, TaskActions, """{"action": "approve", "data": {"x": 1}}""");

        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        var detail = (string?)problem["detail"];
        Assert.That(detail, Does.StartWith("The request body has a property \"data\" (at $.data) that this endpoint does not know."));
        Assert.That(detail, Does.Contain("changes"));
        Assert.That(detail, Does.Not.Contain("System."));
    }

    [TestCase("""{"action":"approve",}""",
        "a comma follows the last property of the object. Remove that comma.", 1, 21, "$")]
    [TestCase("{\"action\":\"approve\"",
        "the text ends before the object that starts at line 1, column 1 is closed. Complete the last value and add " +
        "the missing }.", 1, 20, "$")]
    [TestCase("""{"action":x}""",
        "'x' is not a JSON value. Put text in double quotes, and write true, false and null in lower case.", 1, 11,
        "$.action")]
    [TestCase("""{"action" "approve"}""",
        "a colon is missing after the property name \"action\". Add a colon (:) between the name and its value.", 1,
        11, "$")]
    [TestCase("""{"action":"approve" "comment":"ok"}""",
        "a comma is missing before '\"'. Add a comma between the two values or properties.", 1, 21, "$")]
    [TestCase("""{action:"approve"}""",
        "the property name action is not in double quotes. Write it as \"action\".", 1, 2, "$")]
    [TestCase("""{"action":"appr""",
        "the text in double quotes that starts at line 1, column 11 is not closed. Add the closing double quote " +
        "(\").", 1, 16, "$.action")]
    [TestCase("""{"action":"approve","comment":"华东" "x":1}""",
        "a comma is missing before '\"'. Add a comma between the two values or properties.", 1, 36, "$")]
    [TestCase("{\"action\":\"approve\", // why\n\"comment\":\"ok\"}",
        "the text contains a comment (//), which JSON does not allow. Remove the comment.", 1, 22, "$")]
    public async Task Syntax_error_is_400_in_plain_words(
        string body, string reason, int line, int position, string jsonPath)
    {
        using var client = await LoopbackClients.ForAsync(_app, "manager", "en");

        var (status, problem) = await PostAsync(client, TaskActions, body);
        var detail = (string?)problem["detail"];

        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(detail, Is.EqualTo(
            $"The request body is not valid JSON at line {line}, column {position} (JSON path {jsonPath}): {reason} " +
            "Then send the request again."));
        Assert.That(detail, Does.Not.Contain("reader options"));
        Assert.That((int?)problem["line"], Is.EqualTo(line));
        Assert.That((int?)problem["position"], Is.EqualTo(position));
        Assert.That((string?)problem["path"], Is.EqualTo(jsonPath));
    }

    [Test]
    public async Task Missing_action_is_400()
    {
        using var client = await LoopbackClients.ForAsync(_app, "credit1", "en");

        var (status, problem) = await PostAsync(client, TaskActions, "{}");

        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((string?)problem["detail"], Is.EqualTo(
            "The task action is missing on task any-task; set action to one of approve, reject, submit, return, " +
            "transfer, addSigner, addSignerBefore, addSignerAfter, comment, cc, resubmit, withdraw, urge."));
    }

    [Test]
    public async Task Missing_content_type_is_415()
    {
        using var client = await LoopbackClients.ForAsync(_app, "credit1", "en");
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes("""{"action":"approve"}"""));

        using var response = await client.PostAsync(TaskActions, content);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>() ?? [];

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnsupportedMediaType));
        Assert.That((string?)problem["detail"], Is.EqualTo(
            "The request has no Content-Type header. Send the body as JSON with the header " +
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
